/** A dataDir that cannot hold the org's file. `code` is DATA_DIR_UNUSABLE. */
export class DataDirError extends Error {
  readonly code = 'DATA_DIR_UNUSABLE';
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'DataDirError';
  }
}
