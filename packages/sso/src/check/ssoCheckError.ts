/** Why `sso check` could not run, or why a deploy must stop (NO_BREAK_GLASS_ADMIN). */
export class SsoCheckError extends Error {
  constructor(
    readonly code: 'SOURCE_NOT_FOUND' | 'SSO_CONFIG_INVALID' | 'IDP_USERS_UNREADABLE' | 'IDP_USERS_NO_ID_COLUMN' | 'INVALID_OPTIONS' | 'NO_BREAK_GLASS_ADMIN',
    message: string,
  ) {
    super(message);
    this.name = 'SsoCheckError';
  }
}
