/**
 * Exit codes of `orgkit datacloud`: the issue fixes them, and they differ from the generic ones in
 * exitCodes.ts (there 2 means "could not run"), so they live with these commands.
 */
export const DATACLOUD_EXIT = {
  /** Every record was accepted (or deleted). */
  ALL_ACCEPTED: 0,
  /** Could not finish: login, schema, network, interrupted; what was spooled is resent by the next run. */
  FAILED: 1,
  /** Finished, but some records were dead-lettered; the file lists them with their reasons. */
  SOME_DEAD_LETTERED: 2,
} as const;

export const DATACLOUD_EXIT_HELP = `
Exit codes:
  0  every record accepted
  1  failure: bad flags, schema or input file, login, network, or interrupted (the spool keeps what was not sent)
  2  finished, but some records were dead-lettered (see the dead-letter file)`;
