import type { StreamMetrics } from './types.js';

const PROGRESS_INTERVAL_MS = 250;

export type Counters = Omit<StreamMetrics, 'eventsPerSecond'>;

/** The streamer's counters, and progress reports at most every 250 ms. */
export function createStreamMetrics(emitProgress: (metrics: StreamMetrics) => void) {
  const counters: Counters = { received: 0, spooled: 0, accepted: 0, deadLettered: 0, retried: 0, requests: 0, bytesSent: 0, inFlight: 0, pending: 0, recovered: 0 };
  let startedAt = 0;
  let lastEmit = 0;
  let timer: NodeJS.Timeout | undefined;

  const snapshot = (): StreamMetrics => {
    const seconds = startedAt === 0 ? 0 : (Date.now() - startedAt) / 1000;
    return { ...counters, eventsPerSecond: seconds > 0 ? Math.round(counters.accepted / seconds) : 0 };
  };
  const emit = (): void => {
    timer = undefined;
    lastEmit = Date.now();
    emitProgress(snapshot());
  };

  return {
    counters,
    snapshot,
    /** The clock for events/s starts with the first record (or recovered event). */
    start(): void {
      if (startedAt === 0) startedAt = Date.now();
    },
    elapsedMs: (): number => (startedAt === 0 ? 0 : Date.now() - startedAt),
    /** Something changed: report now, or when the interval has passed. */
    changed(): void {
      if (timer) return;
      const wait = lastEmit + PROGRESS_INTERVAL_MS - Date.now();
      if (wait <= 0) emit();
      else timer = setTimeout(emit, wait).unref();
    },
    /** The last report, sent at once (close). */
    final(): void {
      if (timer) clearTimeout(timer);
      emit();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
