/** A mock IdP misuse by code (bad options, unknown SP); `code` is stable for callers to match. */
export class MockIdpError extends Error {
  constructor(
    readonly code: 'IDP_UNKNOWN_SP' | 'IDP_BAD_OPTIONS',
    message: string,
  ) {
    super(message);
    this.name = 'MockIdpError';
  }
}
