import { reduceErrors } from 'c/ldsUtils';

describe('c/ldsUtils reduceErrors', () => {
    it('returns the message of a plain string error', () => {
        expect(reduceErrors('Something went wrong')).toEqual([
            'Something went wrong'
        ]);
    });

    it('returns every message of a UI API read error', () => {
        const error = {
            status: 404,
            body: [
                { errorCode: 'NOT_FOUND', message: 'Record not found' },
                { errorCode: 'INVALID_FIELD', message: 'No such field' }
            ]
        };
        expect(reduceErrors(error)).toEqual([
            'Record not found',
            'No such field'
        ]);
    });

    it('returns the validation rule and field messages of a rejected update', () => {
        const error = {
            status: 400,
            body: {
                message: 'An error occurred while trying to update the record.',
                output: {
                    errors: [
                        {
                            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                            message: 'Add a phone number before contacting.'
                        }
                    ],
                    fieldErrors: {
                        Status: [
                            {
                                errorCode:
                                    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                                field: 'Status',
                                message: 'Status: bad value'
                            }
                        ]
                    }
                }
            }
        };
        expect(reduceErrors(error)).toEqual([
            'Add a phone number before contacting.',
            'Status: bad value'
        ]);
    });

    it('falls back to the body message when the output has no errors', () => {
        const error = {
            body: {
                message: 'Insufficient access rights',
                output: { errors: [], fieldErrors: {} }
            }
        };
        expect(reduceErrors(error)).toEqual(['Insufficient access rights']);
    });

    it('reads JavaScript errors and status text, skipping empty entries', () => {
        expect(
            reduceErrors([
                new Error('Network down'),
                null,
                { statusText: 'Service Unavailable' }
            ])
        ).toEqual(['Network down', 'Service Unavailable']);
    });
});
