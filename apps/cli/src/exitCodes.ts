/** Exit codes every orgkit command uses; documented in `orgkit --help`. */
export const EXIT = {
  /** Done, nothing wrong (warnings allowed). */
  OK: 0,
  /** The command ran and found errors (a check failed). */
  FOUND_ERRORS: 1,
  /** The command could not do its job: bad usage, no project, a missing tool such as Java. */
  CANNOT_RUN: 2,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  done, no errors (warnings allowed)
  1  errors found
  2  could not run: bad flags, no SFDX project, or a missing prerequisite such as Java`;
