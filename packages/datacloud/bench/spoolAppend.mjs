// Measures the spool's durable append rate: 200-byte payloads, fsync group commit, with many
// concurrent appenders (as the streamer's send() calls are). Prints JSON. Run after a build:
// `node bench/spoolAppend.mjs`; SPOOL_BENCH_EVENTS, SPOOL_BENCH_BATCH, SPOOL_BENCH_CONCURRENCY tune it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSpool } from '../dist/spool/index.js';

const EVENTS = Number(process.env.SPOOL_BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(process.env.SPOOL_BENCH_BATCH ?? 100);
const CONCURRENCY = Number(process.env.SPOOL_BENCH_CONCURRENCY ?? 32);
const FSYNC = process.env.SPOOL_BENCH_FSYNC !== 'false';

const payload = (i) => {
  const head = `{"eventId":"E-${String(i).padStart(10, '0')}","deviceId":"D-0042","batteryLevel":87,"eventTime":"2026-11-26T17:00:00.000Z","note":"`;
  return head + 'x'.repeat(200 - head.length - 2) + '"}';
};

const dir = mkdtempSync(join(tmpdir(), 'spool-bench-'));
try {
  const spool = await openSpool({ dir, fsync: FSYNC });
  let next = 0;
  let appendCalls = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < EVENTS) {
      const from = next;
      next = Math.min(EVENTS, next + BATCH);
      const batch = [];
      for (let i = from; i < next; i++) batch.push(payload(i));
      const events = await spool.append(batch);
      appendCalls++;
      spool.ack(events.map((e) => e.seq)); // as if accepted at once: segments get deleted as they fill
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = spool.stats();
  await spool.close();
  console.log(
    JSON.stringify({
      events: EVENTS,
      payloadBytes: payload(0).length,
      batch: BATCH,
      concurrency: CONCURRENCY,
      fsync: FSYNC,
      seconds: Number(seconds.toFixed(3)),
      eventsPerSecond: Math.round(EVENTS / seconds),
      megabytesPerSecond: Number(((EVENTS * 200) / seconds / 1e6).toFixed(1)),
      appendCalls,
      statsBeforeClose: stats,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
