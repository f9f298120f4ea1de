import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '@orgkit/mock-org';
import { createStreamer, type RetryEvent } from '../src/index.js';
import { batteryEvent, batteryEvents, batterySchema, DLO } from './helpers/battery.js';
import { landed, readDeadLetters, startTenant, type TestTenant } from './helpers/tenant.js';

const INGEST = { path: '/api/v1/ingest/**' };
// About one tenant request in five fails: 500s, then 503s, then 429s with Retry-After, then 500s
// again, each rule with connection resets on top (a rule hands over once it has fired `times`).
const FAULTS: FaultRule[] = [
  { match: INGEST, error: 'UNKNOWN_EXCEPTION', errorRate: 0.15, dropRate: 0.05, times: 20 },
  { match: INGEST, error: 'SERVER_UNAVAILABLE', errorRate: 0.15, dropRate: 0.05, times: 20 },
  { match: INGEST, error: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1, errorRate: 0.15, dropRate: 0.05, times: 8 },
  { match: INGEST, error: 'UNKNOWN_EXCEPTION', errorRate: 0.15, dropRate: 0.05 },
];
const TOTAL = 100_000;

let t: TestTenant;

beforeAll(async () => {
  t = await startTenant();
});
afterAll(async () => {
  await t.close();
});

/** The input: valid readings with a broken one every 2,000 (missing field, wrong type, bad date-time, extra field). */
function reading(i: number): Record<string, unknown> {
  const event: Record<string, unknown> = { ...batteryEvent(i, 'rel') };
  if (i % 2000 !== 1999) return event;
  switch ((i / 2000) % 4 | 0) {
    case 0:
      delete event.deviceId;
      return event;
    case 1:
      return { ...event, voltage: '48.2V' };
    case 2:
      return { ...event, eventTime: '26/11/2026 10:00' };
    default:
      return { ...event, firmware: '1.2.3' };
  }
}

describe('reliability', () => {
  it('lands every valid event exactly once through 500/503/429s, connection resets and expiring tokens', async () => {
    t.org.faults.set({ seed: 42, rules: FAULTS });
    const retries: RetryEvent[] = [];
    let expirations = 0;
    const streamer = await createStreamer({
      auth: t.auth,
      connector: 'solar',
      object: 'BatteryStatus',
      schema: batterySchema,
      spoolDir: t.dir('rel-spool'),
      deadLetterFile: t.dir('rel-dead.ndjson'),
      maxRequestBytes: 50 * 1024,
      retry: { baseDelayMs: 20, maxDelayMs: 500 },
    });
    streamer.on('retry', (r) => retries.push(r));
    streamer.on('progress', (m) => {
      if (m.accepted >= (expirations + 1) * 30_000) {
        expirations++;
        t.tenant.expireTokens();
      }
    });
    try {
      for (let i = 0; i < TOTAL; i += 2000) {
        const batch = Array.from({ length: 2000 }, (_, k) => reading(i + k));
        await streamer.send(batch, { sources: batch.map((_, k) => `fleet.ndjson:${i + k + 1}`) });
      }
      const summary = await streamer.close();
      const invalid = TOTAL / 2000;
      const valid = TOTAL - invalid;

      expect(summary).toMatchObject({ received: TOTAL, spooled: valid, accepted: valid, deadLettered: invalid, pending: 0 });
      expect(await landed(t.tenant, DLO, "eventId__c LIKE 'rel-%'")).toEqual({ rows: valid, distinct: valid });
      expect(t.tenant.query(`SELECT count(*) AS n FROM ${DLO} WHERE eventId__c LIKE 'rel-%' AND substr(eventId__c, -4) = '1999'`)).toEqual([{ n: 0 }]);

      // The faults really happened: every kind was retried, and tokens expired mid-stream.
      const statuses = new Set(retries.map((r) => r.status ?? r.code));
      expect([...statuses].filter((s) => s === 500 || s === 503 || s === 429)).toHaveLength(3);
      expect(retries.some((r) => r.status === undefined && typeof r.code === 'string')).toBe(true);
      expect(summary.retried / summary.requests).toBeGreaterThan(0.1);
      expect(expirations).toBeGreaterThanOrEqual(2);

      const dead = readDeadLetters(t.dir('rel-dead.ndjson'));
      expect(dead).toHaveLength(invalid);
      expect(dead.every((d) => d.code === 'INVALID_RECORD' && d.reason.length > 0 && /^fleet\.ndjson:\d+$/.test(d.source ?? ''))).toBe(true);
      expect(dead.map((d) => d.reason).join('\n')).toMatch(/deviceId[\s\S]*voltage[\s\S]*eventTime[\s\S]*firmware/);
    } finally {
      t.org.faults.clear();
    }
  });

  it('resends what an aborted (crashed) streamer left in its spool, and nothing is missing or doubled', async () => {
    const spoolDir = t.dir('crash-spool');
    const options = { auth: t.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir, deadLetterFile: t.dir('crash-dead.ndjson'), maxRequestBytes: 20 * 1024 };
    t.org.faults.set({ rules: [{ match: INGEST, latencyMs: 30 }] });
    const first = await createStreamer(options);
    const stopped = new Promise<void>((resolve) => {
      first.on('progress', (m) => m.accepted >= 3000 && resolve());
    });
    for (let i = 0; i < 20_000; i += 1000) await first.send(batteryEvents(1000, 'crash', i));
    await stopped;
    await first.abort();
    t.org.faults.clear();
    const acceptedBefore = first.metrics().accepted;
    expect(acceptedBefore).toBeLessThan(20_000);
    await expect(first.send(batteryEvent(0, 'crash'))).rejects.toMatchObject({ code: 'ABORTED' });

    const second = await createStreamer(options);
    const summary = await second.close();
    expect(summary.recovered).toBeGreaterThanOrEqual(20_000 - acceptedBefore);
    expect(summary.accepted).toBe(summary.recovered);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'crash-%'")).toEqual({ rows: 20_000, distinct: 20_000 });

    // Everything was accepted: a third start finds nothing to resend.
    const third = await createStreamer(options);
    expect((await third.close()).recovered).toBe(0);
  });
});
