import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { battery, queryRows, TELEMETRY_STREAMS, TELEMETRY_YAML, tenantRequest, tenantToken } from './dataCloudClient.js';

let orgs: MockOrgs;
let org: MockOrg;
let token: string;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A'], sourceDir: null, dataCloud: { connectors: [{ name: 'solar', schema: { yaml: TELEMETRY_YAML }, streams: TELEMETRY_STREAMS }], maxCsvBytes: 4096 } });
  org = orgs.org('A');
  token = await tenantToken(org);
});
afterAll(() => orgs.close());

const call = (method: string, path: string, body?: unknown, contentType?: string) => tenantRequest(org, token, method, path, body, contentType);
const createJob = async (operation = 'upsert', object = 'BatteryStatus') => (await call('POST', '/api/v1/ingest/jobs', { object, sourceName: 'solar', operation })).body as { id: string; state: string };
const upload = (id: string, csv: string) => call('PUT', `/api/v1/ingest/jobs/${id}/batches`, csv, 'text/csv');
const close = (id: string, state = 'UploadComplete') => call('PATCH', `/api/v1/ingest/jobs/${id}`, { state });
const job = async (id: string) => (await call('GET', `/api/v1/ingest/jobs/${id}`)).body as Record<string, unknown>;
const HEADER = 'eventId,deviceId,batteryLevel,charging,eventTime,readingDate,site';

describe('bulk upsert', () => {
  it('runs a job end to end: create, upload two files, UploadComplete, JobComplete with every row landed', async () => {
    const created = await call('POST', '/api/v1/ingest/jobs', { object: 'BatteryStatus', sourceName: 'solar', operation: 'upsert' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'BatteryStatus', sourceName: 'solar', operation: 'upsert', state: 'Open', contentType: 'CSV', apiVersion: 'v1', createdById: org.users.integration.id });
    const id = created.body.id as string;
    expect(created.body.contentUrl).toBe(`api/v1/ingest/jobs/${id}/batches`);
    expect((await upload(id, `${HEADER}\nb-1,dev-1,50,true,2026-11-26T10:00:00Z,2026-11-26,"Lyon, ""north"""\nb-2,dev-2,,false,2026-11-26T10:00:00Z,2026-11-26,\n`)).status).toBe(202);
    expect((await upload(id, `site,eventId,deviceId,batteryLevel,charging,eventTime,readingDate\r\nNantes,b-1,dev-1,60,false,2026-11-26T11:00:00.5Z,2026-11-27\r\n`)).status).toBe(202);
    const closed = await close(id);
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('UploadComplete');
    await org.dataCloud!.settled();
    expect(await job(id)).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 0 });
    expect(await queryRows(org, token, "SELECT eventId__c, batteryLevel__c, charging__c, site__c, readingDate__c FROM BatteryStatus_solar__dll WHERE eventId__c LIKE 'b-%' ORDER BY 1")).toEqual([
      ['b-1', 60, false, 'Nantes', '2026-11-27'],
      ['b-2', null, false, null, '2026-11-26'],
    ]);
  });

  it('fails a job with a bad CSV, names the line and field, and lands none of its rows', async () => {
    const { id } = await createJob();
    await upload(id, `${HEADER}\nc-1,dev-1,50,true,2026-11-26T10:00:00Z,2026-11-26,Lyon\nc-2,dev-1,fifty,true,2026-11-26T10:00:00Z,2026-11-26,Lyon\n`);
    await close(id);
    await org.dataCloud!.settled();
    const failed = await job(id);
    expect(failed).toMatchObject({ state: 'Failed', numberRecordsFailed: 1 });
    expect(failed.errorMessage).toContain('line 3');
    expect(failed.errorMessage).toContain('batteryLevel');
    expect(await queryRows(org, token, "SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c = 'c-1'")).toEqual([[0]]);
  });

  it('fails a job whose header is not the schema field names', async () => {
    const { id } = await createJob();
    await upload(id, 'eventId,deviceId,level\ne-1,d,5\n');
    await close(id);
    await org.dataCloud!.settled();
    const failed = await job(id);
    expect(failed.state).toBe('Failed');
    expect(failed.errorMessage).toContain('unknown columns level');
    expect(failed.errorMessage).toContain('missing columns batteryLevel');
  });
});

describe('bulk delete', () => {
  it('deletes the rows whose keys the file lists', async () => {
    await call('POST', '/api/v1/ingest/sources/solar/BatteryStatus', { data: [battery(1), battery(2), battery(3)] });
    const { id } = await createJob('delete');
    await upload(id, 'ev-1\nev-2\n');
    await close(id);
    await org.dataCloud!.settled();
    expect(await job(id)).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2 });
    expect(await queryRows(org, token, "SELECT eventId__c FROM BatteryStatus_solar__dll WHERE eventId__c IN ('ev-1', 'ev-2', 'ev-3')")).toEqual([['ev-3']]);
  });
});

describe('job states', () => {
  it('refuses uploads to a closed job and a second close with 409', async () => {
    const { id } = await createJob();
    await upload(id, `${HEADER}\n`);
    await close(id);
    const late = await upload(id, `${HEADER}\n`);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('Open');
    expect((await close(id)).status).toBe(409);
    await org.dataCloud!.settled();
  });

  it('aborts an open job, discarding its files; an aborted job cannot be completed', async () => {
    const { id } = await createJob();
    await upload(id, `${HEADER}\nab-1,dev-1,50,true,2026-11-26T10:00:00Z,2026-11-26,Lyon\n`);
    expect((await close(id, 'Aborted')).body.state).toBe('Aborted');
    expect((await close(id)).status).toBe(409);
    await org.dataCloud!.settled();
    expect(await queryRows(org, token, "SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c = 'ab-1'")).toEqual([[0]]);
  });

  it('deletes only finished jobs: 409 for an open one, 204 then 404 for a completed one', async () => {
    const { id } = await createJob();
    expect((await call('DELETE', `/api/v1/ingest/jobs/${id}`)).status).toBe(409);
    await close(id, 'Aborted');
    expect((await call('DELETE', `/api/v1/ingest/jobs/${id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/ingest/jobs/${id}`)).status).toBe(404);
  });

  it('lists jobs filtered by state, with limit and offset', async () => {
    const open = [await createJob(), await createJob()];
    const listed = await call('GET', '/api/v1/ingest/jobs?states=Open&limit=100');
    expect(listed.status).toBe(200);
    const ids = (listed.body.data as { id: string; state: string }[]).map((j) => j.id);
    expect(ids).toEqual(expect.arrayContaining(open.map((j) => j.id)));
    expect((listed.body.data as { state: string }[]).every((j) => j.state === 'Open')).toBe(true);
    const page = await call('GET', '/api/v1/ingest/jobs?states=Open&limit=1&offset=1');
    expect(page.body.data).toHaveLength(1);
    expect((await call('GET', '/api/v1/ingest/jobs?limit=101')).status).toBe(400);
    for (const j of open) await close(j.id, 'Aborted');
  });

  it('refuses a job for an unknown object, a bad operation, a non-CSV upload and a file over maxCsvBytes', async () => {
    expect((await call('POST', '/api/v1/ingest/jobs', { object: 'Inverter', sourceName: 'solar', operation: 'upsert' })).status).toBe(404);
    expect((await call('POST', '/api/v1/ingest/jobs', { object: 'BatteryStatus', sourceName: 'solar', operation: 'insert' })).status).toBe(400);
    const { id } = await createJob();
    expect((await call('PUT', `/api/v1/ingest/jobs/${id}/batches`, `${HEADER}\n`, 'application/json')).status).toBe(400);
    const big = await upload(id, `${HEADER}\n${'x'.repeat(4096)}`);
    expect(big.status).toBe(413);
    expect(big.body.internalErrorCode).toBe('PAYLOAD_TOO_LARGE');
    await close(id, 'Aborted');
  });
});
