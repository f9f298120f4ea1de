/**
 * Exit codes of `orgkit deploy`: a deploy has more outcomes than a check (refused, canceled,
 * deployed with a post-deploy step failed), so they live with this command.
 */
export const DEPLOY_EXIT = {
  /** Deployed (or validated, or planned with --dry-run); every post-deploy step done or skipped. */
  OK: 0,
  /** The org rejected the deploy (component or test failures), or its status was lost. */
  DEPLOY_FAILED: 1,
  /** Nothing was sent: the preflight refused, or the command could not run (bad flags, no project, login failed). */
  REFUSED: 2,
  /** Canceled (Ctrl-C): the org confirmed the deploy Canceled. */
  CANCELED: 3,
  /** Deployed, but a post-deploy step failed (the others still ran). */
  POST_DEPLOY_FAILED: 4,
} as const;

export const DEPLOY_EXIT_HELP = `
Exit codes:
  0  deployed, validated (--check-only) or planned (--dry-run)
  1  the deploy failed in the org (component or test failures), or its status was lost
  2  nothing sent: preflight refused (check errors, SSO lockout, API version), bad flags, no project, login failed
  3  canceled with Ctrl-C (the org confirmed Canceled)
  4  deployed, but a post-deploy step failed`;
