export { openSpool } from './openSpool.js';
export { SpoolError, type SpoolErrorCode } from './spoolError.js';
export type { Spool, SpooledEvent, SpoolOptions, SpoolStats } from './types.js';
