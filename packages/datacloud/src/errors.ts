/** Every failure the client reports carries one of these stable codes. */
export type DataCloudErrorCode =
  | 'INVALID_OPTIONS'
  | 'TOKEN_EXCHANGE_FAILED'
  | 'NOT_JSON_RESPONSE'
  | 'UNKNOWN_OBJECT'
  | 'REQUEST_FAILED'
  | 'RETRIES_EXHAUSTED'
  | 'BULK_JOB_FAILED'
  | 'STREAMER_CLOSED'
  | 'ABORTED'
  | 'INVALID_INPUT';

/** A Data Cloud client error: `code` is stable, the message says what to do, and never holds a token. */
export class DataCloudError extends Error {
  readonly status?: number;
  /** The API's own error fields (`error`, `internalErrorCode`…) when it answered with a body. */
  readonly apiError?: Record<string, unknown>;

  constructor(
    readonly code: DataCloudErrorCode,
    message: string,
    details: { status?: number; apiError?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DataCloudError';
    if (details.status !== undefined) this.status = details.status;
    if (details.apiError !== undefined) this.apiError = details.apiError;
  }
}
