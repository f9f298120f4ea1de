/** A flag's value the command cannot use (a missing folder, an unreadable file); exit code 2. */
export class InputError extends Error {
  constructor(
    readonly code: 'SOURCE_NOT_FOUND' | 'INPUT_FILE_UNREADABLE' | 'CONFIG_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
