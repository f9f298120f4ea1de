import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamer, type DeadLetterEntry, type StreamMetrics } from '../src/index.js';
import { batteryEvent, batteryEvents, batterySchema, DLO } from './helpers/battery.js';
import { landed, readDeadLetters, startTenant, type TestTenant } from './helpers/tenant.js';

const KB = 1024;
let t: TestTenant;

beforeAll(async () => {
  t = await startTenant();
});
afterAll(async () => {
  await t.close();
});

const streamerFor = (name: string, extra: Partial<Parameters<typeof createStreamer>[0]> = {}) =>
  createStreamer({ auth: t.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: t.dir(`${name}-spool`), deadLetterFile: t.dir(`${name}-dead.ndjson`), ...extra });

describe('streaming batches', () => {
  it('packs 20,000 events into requests near 200 KB, none over the cap, and every event lands', async () => {
    const before = t.tenant.stats();
    const streamer = await streamerFor('pack');
    const progress: StreamMetrics[] = [];
    streamer.on('progress', (m) => progress.push(m));
    for (let i = 0; i < 20_000; i += 1000) await streamer.send(batteryEvents(1000, 'pack', i));
    const summary = await streamer.close();

    expect(summary).toMatchObject({ received: 20_000, spooled: 20_000, accepted: 20_000, deadLettered: 0, pending: 0, inFlight: 0 });
    const after = t.tenant.stats();
    // The tenant answers 413 to any body over 200 KB: none came, and the batches were nearly full.
    expect(after.rejected - before.rejected).toBe(0);
    expect(after.accepted - before.accepted).toBe(20_000);
    expect(summary.bytesSent / summary.requests).toBeGreaterThan(0.9 * 200 * KB);
    expect(summary.bytesSent / summary.requests).toBeLessThanOrEqual(200 * KB);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'pack-%'")).toEqual({ rows: 20_000, distinct: 20_000 });
    expect(progress.at(-1)).toMatchObject({ accepted: 20_000 });
  });

  it('sends a partly filled batch after the linger time without a flush', async () => {
    const streamer = await streamerFor('linger', { lingerMs: 50 });
    await streamer.send(batteryEvents(3, 'linger'));
    await new Promise<void>((resolve) => {
      streamer.on('progress', (m) => m.accepted === 3 && resolve());
    });
    expect(streamer.metrics()).toMatchObject({ accepted: 3, requests: 1 });
    await streamer.close();
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'linger-%'")).toEqual({ rows: 3, distinct: 3 });
  });

  it('dead-letters invalid records and a record bigger than a request, with reasons and sources, and sends the rest', async () => {
    const file = t.dir('invalid-dead.ndjson');
    const streamer = await streamerFor('invalid');
    const seen: DeadLetterEntry[] = [];
    streamer.on('deadLetter', (e) => seen.push(e));
    const { eventId: _dropped, ...missingId } = batteryEvent(1, 'invalid');
    const records = [
      batteryEvent(0, 'invalid'),
      missingId,
      { ...batteryEvent(2, 'invalid'), batteryLevel: 'high' },
      { ...batteryEvent(3, 'invalid'), eventTime: '2026-11-26 10:00:00' },
      { ...batteryEvent(4, 'invalid'), panelColour: 'blue' },
      { ...batteryEvent(5, 'invalid'), site: 'x'.repeat(250 * KB) },
      batteryEvent(6, 'invalid'),
    ];
    const result = await streamer.send(records, { sources: records.map((_, i) => `readings.ndjson:${i + 1}`) });
    expect(result).toEqual({ spooled: 2, deadLettered: 5 });
    await streamer.close();

    const dead = readDeadLetters(file);
    expect(dead.map((d) => [d.source, d.code])).toEqual([
      ['readings.ndjson:2', 'INVALID_RECORD'],
      ['readings.ndjson:3', 'INVALID_RECORD'],
      ['readings.ndjson:4', 'INVALID_RECORD'],
      ['readings.ndjson:5', 'INVALID_RECORD'],
      ['readings.ndjson:6', 'RECORD_TOO_LARGE'],
    ]);
    expect(dead[0]!.reason).toMatch(/eventId/);
    expect(dead[1]!.reason).toMatch(/batteryLevel/);
    expect(dead[2]!.reason).toMatch(/eventTime/);
    expect(dead[3]!.reason).toMatch(/panelColour/);
    expect(dead[4]!.reason).toMatch(/204800 bytes/);
    expect(dead[4]!.record).toMatchObject({ eventId: 'invalid-0000005' });
    expect(dead.every((d) => !Number.isNaN(Date.parse(d.time)))).toBe(true);
    expect(seen).toHaveLength(5);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'invalid-%'")).toEqual({ rows: 2, distinct: 2 });
  });

  it('dead-letters input that never became a record, as the sources report it', async () => {
    const file = t.dir('malformed-dead.ndjson');
    const streamer = await streamerFor('malformed');
    await streamer.deadLetter([{ code: 'MALFORMED_INPUT', reason: 'Unexpected token } in JSON at position 12', source: 'readings.ndjson:7', raw: '{"eventId": }' }]);
    await streamer.close();
    expect(readDeadLetters(file)).toMatchObject([{ code: 'MALFORMED_INPUT', source: 'readings.ndjson:7', raw: '{"eventId": }' }]);
  });

  it('rejects an object the schema does not have, naming the ones it has', async () => {
    await expect(streamerFor('unknown', { object: 'Battery' })).rejects.toMatchObject({ code: 'UNKNOWN_OBJECT', message: expect.stringContaining('BatteryStatus') });
  });
});
