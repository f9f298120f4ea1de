import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Keeps simulated time in step with the clock: at `speed` simulated seconds per real second, the
 * reading for simulated time T is due (T - start) / speed after the run began. Speed 0: no waiting.
 */
export function createPacer(simulatedStart: Date, speed: number, signal?: AbortSignal) {
  const realStart = Date.now();
  return async (simulated: Date): Promise<void> => {
    if (speed <= 0) return;
    const due = realStart + (simulated.getTime() - simulatedStart.getTime()) / speed;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  };
}
