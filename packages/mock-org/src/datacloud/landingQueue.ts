/** Work that lands after the processing delay (streamed rows, deletes, bulk jobs), and a way to wait for all of it. */
export interface LandingQueue {
  /**
   * Runs `work` after the delay: at once when it is 0, unless `deferred` (a bulk job must answer
   * its PATCH before it runs). Errors are the work's own business.
   */
  schedule(work: () => void, options?: { deferred?: boolean }): void;
  /** Resolves when nothing is waiting. */
  settled(): Promise<void>;
  /** Drops what has not landed (the tenant is closing). */
  cancel(): void;
}

export function createLandingQueue(delayMs: number): LandingQueue {
  const timers = new Set<NodeJS.Timeout>();
  let waiters: (() => void)[] = [];
  const wake = (): void => {
    if (timers.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  return {
    schedule(work, { deferred = false } = {}) {
      if (delayMs === 0 && !deferred) {
        work();
        return;
      }
      // Timers of equal delay fire in the order they were set, so requests land in arrival order.
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          work();
        } finally {
          wake();
        }
      }, delayMs);
      timers.add(timer);
    },
    settled: () => (timers.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    cancel() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      wake();
    },
  };
}
