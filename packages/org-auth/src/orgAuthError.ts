export type OrgAuthErrorCode =
  | 'AUTH_NOT_CONFIGURED'
  | 'AUTH_INCOMPLETE'
  | 'AUTH_AMBIGUOUS'
  | 'JWT_KEY_UNREADABLE'
  | 'INVALID_PRIVATE_KEY'
  | 'CORE_AUTH_FAILED'
  | 'SF_ORG_AUTH_FAILED'
  | 'INVALID_OPTIONS';

/** A login that can't be made (flags missing, a bad key, a refused login), with what to do. */
export class OrgAuthError extends Error {
  /** The HTTP status of the token endpoint's answer, when one caused it. */
  readonly status?: number;

  constructor(
    readonly code: OrgAuthErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OrgAuthError';
    if (options.status !== undefined) this.status = options.status;
  }
}
