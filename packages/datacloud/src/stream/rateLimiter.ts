import { sleep } from '../http/retry.js';

export interface RateLimiter {
  /** Waits for the next request slot. */
  take(signal?: AbortSignal): Promise<void>;
  /** Holds every sender back for `ms` (the tenant answered 429 with Retry-After). */
  pauseFor(ms: number): void;
}

/**
 * A token bucket refilled at `requestsPerSecond`, `burst` deep (default 1: the tenant counts a
 * rolling second, so a burst on top of the full rate would earn 429s).
 */
export function createRateLimiter(requestsPerSecond: number, burst = 1): RateLimiter {
  const intervalMs = 1000 / requestsPerSecond;
  // Theoretical arrival time of the next request when the bucket is empty (GCRA form of the bucket).
  let nextAt = 0;
  let pausedUntil = 0;
  return {
    async take(signal) {
      const now = Date.now();
      const at = Math.max(now, nextAt - (burst - 1) * intervalMs, pausedUntil);
      nextAt = Math.max(nextAt, now) + intervalMs;
      if (at > now) await sleep(at - now, signal);
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
  };
}
