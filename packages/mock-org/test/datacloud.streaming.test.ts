import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { battery, queryRows, TELEMETRY_STREAMS, TELEMETRY_YAML, tenantRequest, tenantToken } from './dataCloudClient.js';

let orgs: MockOrgs;
const clock = Date.parse('2026-11-26T12:00:00Z');
const tokens = new Map<string, string>();

beforeAll(async () => {
  const connectors = [{ name: 'solar', schema: { yaml: TELEMETRY_YAML }, streams: TELEMETRY_STREAMS }];
  orgs = await startMockOrgs({
    orgs: ['A', { name: 'Small', dataCloud: { connectors, maxBodyBytes: 2000 } }, { name: 'Limited', dataCloud: { connectors, requestsPerSecond: 5 } }, { name: 'Slow', dataCloud: { connectors, processingDelayMs: 3000 } }],
    sourceDir: null,
    now: () => new Date(clock),
    dataCloud: { connectors },
  });
  for (const org of orgs.orgs) tokens.set(org.name, await tenantToken(org));
});
afterEach(() => orgs.orgs.forEach((o) => o.faults.clear()));
afterAll(() => orgs.close());

const org = (name = 'A'): MockOrg => orgs.org(name);
const tokenOf = (name = 'A'): string => tokens.get(name)!;
const send = (records: unknown[], name = 'A', object = 'BatteryStatus', connector = 'solar') =>
  tenantRequest(org(name), tokenOf(name), 'POST', `/api/v1/ingest/sources/${connector}/${object}`, { data: records });
const rows = (sql: string, name = 'A') => queryRows(org(name), tokenOf(name), sql);

describe('streaming insert', () => {
  it('answers 202 and the records land in the DLO, readable through the Query API', async () => {
    expect(await send([battery(1), battery(2, { charging: null, site: '' })])).toMatchObject({ status: 202, body: { accepted: true } });
    const landed = await rows("SELECT eventId__c, batteryLevel__c, charging__c, site__c, DataSource__c, DataSourceObject__c FROM BatteryStatus_solar__dll WHERE eventId__c IN ('ev-1', 'ev-2') ORDER BY eventId__c");
    expect(landed).toEqual([
      ['ev-1', 1, false, 'Lyon', 'solar', 'BatteryStatus'],
      ['ev-2', 2, null, null, 'solar', 'BatteryStatus'],
    ]);
  });

  it('upserts by the primary key: resending an event replaces it, the last one in a batch wins', async () => {
    await send([battery(10, { batteryLevel: 5 })]);
    await send([battery(10, { batteryLevel: 6 }), battery(10, { batteryLevel: 7 }), battery(11)]);
    expect(await rows("SELECT eventId__c, batteryLevel__c FROM BatteryStatus_solar__dll WHERE eventId__c IN ('ev-10', 'ev-11') ORDER BY 1")).toEqual([['ev-10', 7], ['ev-11', 11]]);
  });

  it('keys a stream by its configured primary key', async () => {
    await send([{ serial: 'P-1', site: 'Lyon' }, { serial: 'P-1', site: 'Nantes' }], 'A', 'Panel');
    expect(await rows('SELECT serial__c, site__c FROM Panel_solar__dll')).toEqual([['P-1', 'Nantes']]);
  });

  it.each([
    ['a missing field', battery(3, { site: undefined }), 'site', 'missing field'],
    ['an extra field', { ...battery(3), colour: 'red' }, 'colour', 'unknown field'],
    ['a string in a number field', battery(3, { batteryLevel: '50' }), 'batteryLevel', 'batteryLevel'],
    ['a date-time without Z', battery(3, { eventTime: '2026-11-26T12:00:00' }), 'eventTime', 'eventTime'],
    ['an impossible date', battery(3, { readingDate: '2026-02-30' }), 'readingDate', 'readingDate'],
    ['a blank primary key', battery(3, { eventId: '' }), 'eventId', 'primary key'],
  ])('refuses a batch with %s (400 naming the record and the field) and lands none of it', async (_, bad, field, words) => {
    const answer = await send([battery(20), battery(21), JSON.parse(JSON.stringify(bad))]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'Bad Request', internalErrorCode: 'COMMON_ERROR_GENERIC', tenantId: org().dataCloud!.tenantId });
    expect(answer.body.message).toContain('record 2');
    expect(answer.body.message).toContain(field);
    expect(answer.body.message).toContain(words);
    expect(await rows("SELECT eventId__c FROM BatteryStatus_solar__dll WHERE eventId__c IN ('ev-20', 'ev-21')")).toEqual([]);
  });

  it('refuses malformed JSON and a body without a data array', async () => {
    const malformed = await tenantRequest(org(), tokenOf(), 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', '{"data": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('not valid JSON');
    const noData = await tenantRequest(org(), tokenOf(), 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', { records: [battery(1)] });
    expect(noData.status).toBe(400);
    expect(noData.body.message).toContain('"data"');
  });

  it('answers 404 for an unknown connector or object', async () => {
    const connector = await send([battery(1)], 'A', 'BatteryStatus', 'wind');
    expect(connector.status).toBe(404);
    expect(connector.body.message).toContain('wind');
    const object = await send([battery(1)], 'A', 'Inverter');
    expect(object.status).toBe(404);
    expect(object.body.message).toContain('Inverter');
  });

  it('takes a body of exactly maxBodyBytes and answers 413 one byte over', async () => {
    const json = JSON.stringify({ data: [battery(30)] });
    const padded = (size: number): string => json.slice(0, -1) + ' '.repeat(size - json.length) + '}';
    const at = await tenantRequest(org('Small'), tokenOf('Small'), 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', padded(2000));
    expect(at.status).toBe(202);
    const over = await tenantRequest(org('Small'), tokenOf('Small'), 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', padded(2001));
    expect(over.status).toBe(413);
    expect(over.body.internalErrorCode).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past requestsPerSecond in a rolling second, and takes requests again after it', async () => {
    // Six requests at once: whatever the machine's speed, they arrive well within one second.
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => send([battery(40 + i)], 'Limited')));
    const throttled = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(5);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.headers.get('retry-after')).toBe('1');
    expect(throttled[0]!.body.internalErrorCode).toBe('TOO_MANY_REQUESTS');
    expect(org('Limited').dataCloud!.query('SELECT count(*) AS n FROM BatteryStatus_solar__dll')).toEqual([{ n: 5 }]);
    expect(org('Limited').dataCloud!.stats().throttled).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await send([battery(46)], 'Limited')).status).toBe(202);
  });
});

describe('faults', () => {
  it("applies the org's fault rules to tenant paths, in the Data Cloud error shape with Retry-After", async () => {
    org().faults.set([{ match: { method: 'POST', path: '/api/v1/ingest/sources/**' }, error: 'SERVER_UNAVAILABLE', retryAfterSeconds: 2, times: 1 }]);
    const failed = await send([battery(50)]);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(failed.body).toMatchObject({ internalErrorCode: 'SERVER_UNAVAILABLE', tenantId: org().dataCloud!.tenantId });
    expect(await rows("SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-50'")).toEqual([[0]]);
    expect((await send([battery(50)])).status).toBe(202);
  });

  it('drops the connection on a drop fault', async () => {
    org().faults.set([{ match: { path: '/api/v1/ingest' }, dropRate: 1, times: 1 }]);
    await expect(send([battery(51)])).rejects.toThrow();
  });

  it('ends the tenant token on an expiry fault, so the client must exchange again', async () => {
    const token = await tenantToken(org());
    org().faults.set([{ match: { path: '/api/v1/ingest' }, expireTokenRate: 1, times: 1 }]);
    const path = '/api/v1/ingest/sources/solar/BatteryStatus';
    expect((await tenantRequest(org(), token, 'POST', path, { data: [battery(52)] })).status).toBe(401);
    expect((await tenantRequest(org(), token, 'POST', path, { data: [battery(52)] })).status).toBe(401);
    expect((await tenantRequest(org(), await tenantToken(org()), 'POST', path, { data: [battery(52)] })).status).toBe(202);
  });
});

describe('validate only (actions/test)', () => {
  const test = (records: unknown[]) => tenantRequest(org(), tokenOf(), 'POST', '/api/v1/ingest/sources/solar/BatteryStatus/actions/test', { data: records });

  it('reports a valid batch and lands nothing', async () => {
    expect(await test([battery(60), battery(61)])).toMatchObject({ status: 200, body: { accepted: true, validationReport: { valid: true, recordCount: 2 } } });
    expect(await rows("SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c IN ('ev-60', 'ev-61')")).toEqual([[0]]);
  });

  it('lists every bad record with its index and field', async () => {
    const answer = await test([battery(62, { batteryLevel: 'high' }), battery(63), { ...battery(64), extra: 1 }]);
    expect(answer.status).toBe(400);
    expect(answer.body.validationReport?.valid).toBe(false);
    expect(answer.body.validationReport?.errors.map((e) => [e.recordIndex, e.field])).toEqual([[0, 'batteryLevel'], [2, 'extra']]);
    expect(await rows("SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-63'")).toEqual([[0]]);
  });
});

describe('delete', () => {
  const path = '/api/v1/ingest/sources/solar/BatteryStatus';

  it('deletes landed rows by primary key, from ?ids= or a JSON body', async () => {
    await send([battery(70), battery(71), battery(72)]);
    expect(await tenantRequest(org(), tokenOf(), 'DELETE', `${path}?ids=ev-70,ev-71`)).toMatchObject({ status: 202 });
    expect(await tenantRequest(org(), tokenOf(), 'DELETE', path, { ids: ['ev-72', 'ev-unknown'] })).toMatchObject({ status: 202 });
    expect(await rows("SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c IN ('ev-70', 'ev-71', 'ev-72')")).toEqual([[0]]);
  });

  it('refuses more than 200 ids, and no ids', async () => {
    await send([battery(73)]);
    const ids = ['ev-73', ...Array.from({ length: 200 }, (_, i) => `x-${i}`)];
    const over = await tenantRequest(org(), tokenOf(), 'DELETE', path, { ids });
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('200');
    expect((await tenantRequest(org(), tokenOf(), 'DELETE', path, { ids: [] })).status).toBe(400);
    expect(await rows("SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-73'")).toEqual([[1]]);
  });
});

describe('Query API', () => {
  it('answers rows with column metadata', async () => {
    await send([battery(80)]);
    const answer = await tenantRequest(org(), tokenOf(), 'POST', '/api/v2/query', { sql: "SELECT eventId__c, batteryLevel__c, eventTime__c FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-80'" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ data: [['ev-80', 80, '2026-11-26T12:00:00.000Z']], rowCount: 1, done: true });
    expect(answer.body.metadata).toEqual({
      eventId__c: { type: 'VARCHAR', placeInOrder: 0, typeCode: 12 },
      batteryLevel__c: { type: 'DECIMAL', placeInOrder: 1, typeCode: 3 },
      eventTime__c: { type: 'TIMESTAMP WITH TIME ZONE', placeInOrder: 2, typeCode: 2014 },
    });
  });

  it.each(["DELETE FROM BatteryStatus_solar__dll", "INSERT INTO Panel_solar__dll (serial__c) VALUES ('X')", 'DROP TABLE BatteryStatus_solar__dll', 'BEGIN', "ATTACH DATABASE '/tmp/x.sqlite' AS x"])(
    'refuses a statement that writes: %s',
    async (sql) => {
      await send([battery(81)]);
      const answer = await tenantRequest(org(), tokenOf(), 'POST', '/api/v2/query', { sql });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/read-only|does not compile/);
      expect(await rows("SELECT count(*) FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-81'")).toEqual([[1]]);
      expect((await send([battery(82)])).status).toBe(202);
    },
  );

  it('answers 400 with the reason for SQL that does not compile', async () => {
    const answer = await tenantRequest(org(), tokenOf(), 'POST', '/api/v2/query', { sql: 'SELECT nope FROM BatteryStatus_solar__dll' });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('nope');
  });

  it('is what mockOrg.dataCloud.query returns, as objects; a write throws INVALID_QUERY', async () => {
    await send([battery(83)]);
    expect(org().dataCloud!.query("SELECT eventId__c AS id, charging__c AS charging FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-83'")).toEqual([{ id: 'ev-83', charging: false }]);
    expect(() => org().dataCloud!.query('DELETE FROM BatteryStatus_solar__dll')).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }) as unknown as Error);
  });
});

describe('processing delay', () => {
  // 3 s of delay leaves a busy CI machine ample time between the 202 and the first query.
  it('lands accepted records only after processingDelayMs; settled() waits for them', async () => {
    expect((await send([battery(90)], 'Slow')).status).toBe(202);
    expect(org('Slow').dataCloud!.query('SELECT count(*) AS n FROM BatteryStatus_solar__dll')).toEqual([{ n: 0 }]);
    await org('Slow').dataCloud!.settled();
    expect(org('Slow').dataCloud!.query('SELECT eventId__c FROM BatteryStatus_solar__dll')).toEqual([{ eventId__c: 'ev-90' }]);
  });
});

describe('stats', () => {
  it('counts requests, accepted records and refusals', async () => {
    const before = org().dataCloud!.stats();
    await send([battery(100), battery(101), battery(102)]);
    await send([battery(103, { batteryLevel: 'x' })]);
    const after = org().dataCloud!.stats();
    expect(after.requests - before.requests).toBe(2);
    expect(after.accepted - before.accepted).toBe(3);
    expect(after.rejected - before.rejected).toBe(1);
  });
});
