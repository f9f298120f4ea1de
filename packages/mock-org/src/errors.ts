/**
 * An error the REST API returns as `[{"message","errorCode","fields"}]` with an HTTP status.
 * Every handler throws these; the router renders them (and anything else as UNKNOWN_EXCEPTION).
 */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'SfApiError';
  }

  /** The element of the error array in the REST body. */
  toJSON(): { message: string; errorCode: string; fields?: string[] } {
    return this.fields ? { message: this.message, errorCode: this.errorCode, fields: this.fields } : { message: this.message, errorCode: this.errorCode };
  }
}

/** The OAuth endpoints answer with `{"error","error_description"}` instead of an error array. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorDescription: string,
  ) {
    super(errorDescription);
    this.name = 'OAuthError';
  }
}

export const notFound = (): SfApiError => new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const invalidSession = (): SfApiError => new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

/** Wording of Jackson (the real API's JSON parser), which clients sometimes match on. */
export const jsonParserError = (detail: string): SfApiError => new SfApiError(400, 'JSON_PARSER_ERROR', detail);
