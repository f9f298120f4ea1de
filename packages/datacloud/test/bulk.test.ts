import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenProvider, deleteByIds, query, runBulkJob, type BulkProgress } from '../src/index.js';
import { batteryEvents, batterySchema, DLO } from './helpers/battery.js';
import { landed, readDeadLetters, startTenant, type TestTenant } from './helpers/tenant.js';

const KB = 1024;
let t: TestTenant;

beforeAll(async () => {
  // The tenant refuses CSV files over 100 KB, so a part over partBytes would fail the job.
  t = await startTenant({ processingDelayMs: 50, maxCsvBytes: 100 * KB });
});
afterAll(async () => {
  await t.close();
});

const bulk = (extra: Partial<Parameters<typeof runBulkJob>[0]> & Pick<Parameters<typeof runBulkJob>[0], 'operation' | 'source'>) =>
  runBulkJob({ auth: t.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, pollIntervalMs: 25, tempDir: t.dir(''), ...extra });

describe('bulk jobs', () => {
  it('upserts a backfill in CSV parts, waits for JobComplete, and the rows land with their text intact', async () => {
    const records: Record<string, unknown>[] = batteryEvents(3000, 'bulk');
    records[7] = { ...records[7]!, site: 'Plant "A", north\r\nfield', batteryLevel: null, chargingState: '' };
    const progress: BulkProgress[] = [];
    const summary = await bulk({ operation: 'upsert', source: records, partBytes: 100 * KB, onProgress: (p) => progress.push(p) });

    expect(summary).toMatchObject({ state: 'JobComplete', operation: 'upsert', records: 3000, deadLettered: 0 });
    expect(summary.parts).toBe(3);
    expect(progress.at(-1)).toMatchObject({ phase: 'processing', state: 'JobComplete' });
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'bulk-%'")).toEqual({ rows: 3000, distinct: 3000 });
    expect(t.tenant.query(`SELECT site__c AS site, batteryLevel__c AS level, voltage__c AS voltage FROM ${DLO} WHERE eventId__c = 'bulk-0000007'`)).toEqual([{ site: 'Plant "A", north\r\nfield', level: null, voltage: 48.7 }]);
  });

  it('sets invalid records and malformed input aside in the dead-letter file and loads the rest', async () => {
    const file = t.dir('bulk-dead.ndjson');
    const good = batteryEvents(10, 'bulkdl');
    const source = {
      describe: 'old.csv',
      async *batches() {
        yield { records: good.map((value, i) => ({ value, source: `old.csv:${i + 2}` })), problems: [{ source: 'old.csv:12', raw: 'x,"y', reason: 'Unclosed quote' }] };
        yield { records: [{ value: { ...good[0]!, eventId: 'bulkdl-bad', batteryLevel: 'full' }, source: 'old.csv:13' }], problems: [] };
      },
    };
    const summary = await bulk({ operation: 'upsert', source, deadLetterFile: file });
    expect(summary).toMatchObject({ state: 'JobComplete', records: 10, deadLettered: 2 });
    expect(readDeadLetters(file)).toMatchObject([
      { code: 'MALFORMED_INPUT', source: 'old.csv:12', raw: 'x,"y', reason: 'Unclosed quote' },
      { code: 'INVALID_RECORD', source: 'old.csv:13', reason: expect.stringContaining('batteryLevel') },
    ]);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'bulkdl-%'")).toEqual({ rows: 10, distinct: 10 });
  });

  it('stops at the first invalid record when there is no dead-letter file, and creates no job for it', async () => {
    await expect(bulk({ operation: 'upsert', source: [{ eventId: 'x' }] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('dead-letter file') });
  });

  it('deletes by primary key with a delete job (no header, the key column)', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `bulk-${String(i).padStart(7, '0')}`);
    const summary = await bulk({ operation: 'delete', source: ids });
    expect(summary).toMatchObject({ state: 'JobComplete', operation: 'delete', records: 1000 });
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'bulk-%'")).toEqual({ rows: 2000, distinct: 2000 });
  });

  it('reports a job that Data Cloud failed, with its error message', async () => {
    // A schema with a field the tenant's object lacks: the CSV header doesn't match.
    const wider = { ...batterySchema, object: () => ({ ...batterySchema.object('BatteryStatus')!, fields: [...batterySchema.object('BatteryStatus')!.fields, { name: 'firmware', type: 'text' as const }] }) };
    const records = batteryEvents(3, 'failed').map((e) => ({ ...e, firmware: '1.0' }));
    await expect(bulk({ operation: 'upsert', source: records, schema: wider })).rejects.toMatchObject({ code: 'BULK_JOB_FAILED', message: expect.stringContaining('firmware') });
  });
});

describe('bulk job failures', () => {
  it('aborts the job when an upload is refused, so no partial data stays', async () => {
    t.org.faults.set({ rules: [{ match: { method: 'PUT', path: '/api/v1/ingest/jobs/**' }, error: 'REQUEST_LIMIT_EXCEEDED' }] });
    try {
      await expect(bulk({ operation: 'upsert', source: batteryEvents(5, 'aborted') })).rejects.toMatchObject({ code: 'REQUEST_FAILED', status: 403 });
    } finally {
      t.org.faults.clear();
    }
    const token = await createTokenProvider(t.auth).get();
    const res = await fetch(`${token.tenantUrl}/api/v1/ingest/jobs?limit=100`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    const jobs = ((await res.json()) as { data: { state: string }[] }).data;
    expect(jobs.filter((j) => j.state === 'Open')).toEqual([]);
    expect(jobs.filter((j) => j.state === 'Aborted')).toHaveLength(1);
  });
});

describe('delete by ids', () => {
  it('deletes 450 rows in requests of at most 200 ids', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `bulk-${String(1000 + i).padStart(7, '0')}`);
    const before = t.tenant.stats().requests;
    const result = await deleteByIds({ auth: t.auth, connector: 'solar', object: 'BatteryStatus', ids });
    expect(result).toEqual({ requested: 450, requests: 3 });
    expect(t.tenant.stats().requests - before).toBe(3);
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'bulk-%'")).toEqual({ rows: 1550, distinct: 1550 });
  });

  it('queries the landed rows through the Query API', async () => {
    await t.tenant.settled();
    const rows = await query({ auth: t.auth, sql: `SELECT eventId__c, deviceId__c FROM ${DLO} WHERE eventId__c = 'bulk-0002999'` });
    expect(rows).toEqual([{ eventId__c: 'bulk-0002999', deviceId__c: 'panel-0499' }]);
  });
});
