export type SpoolErrorCode = 'SPOOL_LOCKED' | 'SPOOL_CLOSED' | 'SPOOL_INVALID_PAYLOAD' | 'SPOOL_WRITE_FAILED' | 'SPOOL_NOT_WRITABLE';

/** A spool failure with a stable `code` and a message that says what to do. */
export class SpoolError extends Error {
  constructor(
    readonly code: SpoolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpoolError';
  }
}
