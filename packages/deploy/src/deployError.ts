export type DeployErrorCode =
  | 'INVALID_OPTIONS'
  | 'ROLES_CONFIG_INVALID'
  | 'PROJECT_INVALID'
  | 'NOTHING_TO_DEPLOY'
  | 'ORG_REQUIRED'
  | 'ORG_UNREACHABLE'
  | 'DEPLOY_FAILED_TO_START'
  | 'DEPLOY_STATUS_UNKNOWN';

/** A deploy that cannot start or go on (bad options, a bad roles file, no org), with what to do. */
export class DeployError extends Error {
  constructor(
    readonly code: DeployErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeployError';
  }
}
