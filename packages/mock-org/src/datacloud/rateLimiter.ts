/** A rolling one-second window: at most `perSecond` admissions in any 1000 ms. */
export interface RateLimiter {
  /** True (and counted) when the request may go on. */
  tryTake(): boolean;
}

export function createRateLimiter(perSecond: number, now: () => number = () => performance.now()): RateLimiter {
  // The times of the last `perSecond` admissions, oldest at `next`: O(1) per request.
  const times = new Array<number>(perSecond).fill(-Infinity);
  let next = 0;
  return {
    tryTake() {
      const t = now();
      if (t - times[next]! < 1000) return false;
      times[next] = t;
      next = (next + 1) % perSecond;
      return true;
    },
  };
}
