import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectorSchema } from '@orgkit/datacloud-schema';
import { createStreamer, type RetryEvent } from '../src/index.js';
import { BATTERY_YAML, batteryEvents, batterySchema, DLO } from './helpers/battery.js';
import { landed, readDeadLetters, startTenant, type TestTenant } from './helpers/tenant.js';

// Data Cloud holds the schema that was uploaded, which can be stricter than the local copy:
// here the tenant's `site` is a URL field while the client's is text.
const TENANT_YAML = BATTERY_YAML.replace('        site:\n          type: string\n', '        site:\n          type: string\n          format: url\n');
const KB = 1024;

let t: TestTenant;

beforeAll(async () => {
  t = await startTenant({ connectors: [{ name: 'solar', schema: { yaml: TENANT_YAML }, streams: [{ object: 'BatteryStatus', primaryKey: 'eventId' }] }] });
});
afterAll(async () => {
  await t.close();
});

/** Events whose site is a URL, so the tenant takes them. */
const siteUrlEvents = (count: number, prefix: string) => batteryEvents(count, prefix).map((e, i) => ({ ...e, site: `https://solar.example.com/sites/${i % 17}` }));

const streamerFor = (name: string, extra: Partial<Parameters<typeof createStreamer>[0]> = {}) =>
  createStreamer({ auth: t.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: t.dir(`${name}-spool`), deadLetterFile: t.dir(`${name}-dead.ndjson`), ...extra });

describe('records Data Cloud refuses', () => {
  it('bisects a refused batch: one bad record among 1,000 is dead-lettered with the API reason, 999 land', async () => {
    expect(parseConnectorSchema(TENANT_YAML).object('BatteryStatus')!.field('site')!.type).toBe('url');
    const events = siteUrlEvents(1000, 'bisect');
    events[617] = { ...events[617]!, site: 'north field' };
    const streamer = await streamerFor('bisect');
    await streamer.send(events, { sources: events.map((_, i) => `panels.ndjson:${i + 1}`) });
    const summary = await streamer.close();

    expect(summary).toMatchObject({ accepted: 999, deadLettered: 1 });
    const dead = readDeadLetters(t.dir('bisect-dead.ndjson'));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ code: 'REJECTED_BY_API', source: 'panels.ndjson:618', record: { eventId: 'bisect-0000617', site: 'north field' } });
    expect(dead[0]!.reason).toMatch(/site/);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'bisect-%'")).toEqual({ rows: 999, distinct: 999 });
    expect(t.tenant.query(`SELECT count(*) AS n FROM ${DLO} WHERE eventId__c = 'bisect-0000617'`)).toEqual([{ n: 0 }]);
  });

  it('in validate-only mode checks records at /actions/test, dead-letters the refused ones and lands nothing', async () => {
    const events = siteUrlEvents(300, 'validate');
    events[12] = { ...events[12]!, site: 'not a url' };
    events[250] = { ...events[250]!, site: 'neither' };
    const streamer = await streamerFor('validate', { validateOnly: true });
    await streamer.send(events);
    const summary = await streamer.close();
    expect(summary).toMatchObject({ accepted: 298, deadLettered: 2 });
    expect(readDeadLetters(t.dir('validate-dead.ndjson')).map((d) => [d.code, (d.record as { eventId: string }).eventId])).toEqual([
      ['REJECTED_BY_API', 'validate-0000012'],
      ['REJECTED_BY_API', 'validate-0000250'],
    ]);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'validate-%'")).toEqual({ rows: 0, distinct: 0 });
  });

  it('stops with a clear error when the connector does not exist, keeping the events in the spool', async () => {
    const streamer = await streamerFor('noconnector', { connector: 'lunar' });
    await streamer.send(siteUrlEvents(5, 'lunar'));
    await expect(streamer.flush()).rejects.toMatchObject({ code: 'REQUEST_FAILED', status: 404, message: expect.stringContaining('connector and object names') });
    await expect(streamer.close()).rejects.toMatchObject({ code: 'REQUEST_FAILED' });
  });
});

describe('requests the tenant finds too large', () => {
  it('halves batches the tenant answers 413, and dead-letters a single record it still refuses', async () => {
    const small = await startTenant({ maxBodyBytes: 40 * KB });
    try {
      const events: Record<string, unknown>[] = batteryEvents(2000, 'split');
      events[5] = { ...events[5]!, site: 's'.repeat(60 * KB) };
      const streamer = await createStreamer({ auth: small.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: small.dir('spool'), deadLetterFile: small.dir('dead.ndjson') });
      await streamer.send(events);
      const summary = await streamer.close();
      expect(summary).toMatchObject({ accepted: 1999, deadLettered: 1 });
      expect(readDeadLetters(small.dir('dead.ndjson'))).toMatchObject([{ code: 'RECORD_TOO_LARGE', record: { eventId: 'split-0000005' } }]);
      expect(await landed(small.tenant, DLO)).toEqual({ rows: 1999, distinct: 1999 });
    } finally {
      await small.close();
    }
  });
});

describe('retries', () => {
  it('waits as long as Retry-After says after a 429, then lands everything', async () => {
    t.org.faults.set({ rules: [{ match: { path: '/api/v1/ingest/**' }, error: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1, times: 1 }] });
    try {
      const retries: RetryEvent[] = [];
      const streamer = await streamerFor('retryafter', { retry: { baseDelayMs: 10 } });
      streamer.on('retry', (r) => retries.push(r));
      await streamer.send(siteUrlEvents(50, 'retryafter'));
      const summary = await streamer.close();
      expect(retries).toHaveLength(1);
      expect(retries[0]).toMatchObject({ status: 429, attempt: 1 });
      expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1000);
      expect(summary).toMatchObject({ accepted: 50, retried: 1, requests: 2 });
      expect(await landed(t.tenant, DLO, "eventId__c LIKE 'retryafter-%'")).toEqual({ rows: 50, distinct: 50 });
    } finally {
      t.org.faults.clear();
    }
  });

  it('gives up after maxAttempts with RETRIES_EXHAUSTED, and the next streamer on the spool sends the events', async () => {
    t.org.faults.set({ rules: [{ match: { path: '/api/v1/ingest/**' }, error: 'SERVER_UNAVAILABLE' }] });
    const spoolDir = t.dir('exhausted-spool');
    try {
      const streamer = await streamerFor('exhausted', { spoolDir, retry: { maxAttempts: 3, baseDelayMs: 5 } });
      await streamer.send(siteUrlEvents(40, 'exhausted'));
      await expect(streamer.flush()).rejects.toMatchObject({ code: 'RETRIES_EXHAUSTED', message: expect.stringContaining(spoolDir) });
      await streamer.abort();
    } finally {
      t.org.faults.clear();
    }
    const next = await streamerFor('exhausted', { spoolDir });
    const summary = await next.close();
    expect(summary).toMatchObject({ recovered: 40, accepted: 40 });
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'exhausted-%'")).toEqual({ rows: 40, distinct: 40 });
  });
});
