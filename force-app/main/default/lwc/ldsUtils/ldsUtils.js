/**
 * Reduces one or more LDS, Apex or JavaScript errors to the messages a user can read,
 * so every component shows errors the same way.
 * @param {Object|Object[]} errors an error or a list of them
 * @return {String[]} the error messages
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .map((error) => {
            if (typeof error === 'string') {
                return error;
            }
            // UI API read errors: a list of { message }
            if (Array.isArray(error.body)) {
                return error.body.map((e) => e.message);
            }
            // UI API DML errors (validation rules, field errors) come as output errors
            if (error.body && error.body.output) {
                const output = error.body.output;
                const recordErrors = (output.errors || []).map(
                    (e) => e.message
                );
                const fieldErrors = Object.values(
                    output.fieldErrors || {}
                ).flatMap((errs) => errs.map((e) => e.message));
                if (recordErrors.length || fieldErrors.length) {
                    return [...recordErrors, ...fieldErrors];
                }
            }
            // UI API DML, Apex and network errors
            if (error.body && typeof error.body.message === 'string') {
                return error.body.message;
            }
            // JavaScript errors
            if (typeof error.message === 'string') {
                return error.message;
            }
            // Unknown shape: fall back to the HTTP status text
            return error.statusText;
        })
        .flat()
        .filter((message) => !!message);
}
