export type SourceErrorCode = 'SOURCE_NOT_READABLE' | 'CSV_HEADER_MISMATCH' | 'CSV_EMPTY';

/** Input that can't be read at all (as opposed to a bad line, which is a SourceProblem). */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceError';
  }
}
