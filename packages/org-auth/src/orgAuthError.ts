/** Flags that can't make a login, with what to add. */
export class OrgAuthError extends Error {
  constructor(
    readonly code: 'AUTH_NOT_CONFIGURED' | 'AUTH_INCOMPLETE' | 'AUTH_AMBIGUOUS' | 'JWT_KEY_UNREADABLE',
    message: string,
  ) {
    super(message);
    this.name = 'OrgAuthError';
  }
}
