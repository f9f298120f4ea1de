import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirError, startMockOrgs, type MockOrgs, type StartMockOrgsOptions } from '../src/index.js';
import { battery, coreToken, exchange, queryRows, TELEMETRY_STREAMS, TELEMETRY_YAML, tenantRequest, tenantToken } from './dataCloudClient.js';

const root = mkdtempSync(join(tmpdir(), 'mock-datacloud-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (dataDir: string): StartMockOrgsOptions => ({
  orgs: ['Solar Farm'],
  sourceDir: null,
  dataDir,
  dataCloud: { connectors: [{ name: 'solar', schema: { yaml: TELEMETRY_YAML }, streams: TELEMETRY_STREAMS }] },
});

describe('a tenant with a dataDir', () => {
  let running: MockOrgs | undefined;
  afterAll(() => running?.close());

  it('keeps its landed rows across a restart in <dataDir>/<org-slug>-datacloud.sqlite; clients exchange again', async () => {
    const dataDir = join(root, 'restart');
    running = await startMockOrgs(options(dataDir));
    const first = running.org('Solar Farm');
    const core = await coreToken(first);
    const token = await tenantToken(first);
    const path = '/api/v1/ingest/sources/solar/BatteryStatus';
    expect((await tenantRequest(first, token, 'POST', path, { data: [battery(1), battery(2)] })).status).toBe(202);
    const tenantId = first.dataCloud!.tenantId;
    await running.close();
    expect(existsSync(join(dataDir, 'solar-farm-datacloud.sqlite'))).toBe(true);

    running = await startMockOrgs(options(dataDir));
    const again = running.org('Solar Farm');
    expect(again.dataCloud!.tenantId).toBe(tenantId);
    // Tenant tokens live in memory: the old one is refused, and the kept core token exchanges for a new one.
    expect((await tenantRequest(again, token, 'POST', '/api/v2/query', { sql: 'SELECT 1' })).status).toBe(401);
    const fresh = (await exchange(again.instanceUrl, core)).body.access_token as string;
    expect(await queryRows(again, fresh, 'SELECT eventId__c FROM BatteryStatus_solar__dll ORDER BY 1')).toEqual([['ev-1'], ['ev-2']]);
    expect((await tenantRequest(again, fresh, 'POST', path, { data: [battery(2, { batteryLevel: 99 })] })).status).toBe(202);
    expect(again.dataCloud!.query("SELECT batteryLevel__c AS level FROM BatteryStatus_solar__dll WHERE eventId__c = 'ev-2'")).toEqual([{ level: 99 }]);
  });

  it('adds the columns of fields a schema gained since the last run', async () => {
    const dataDir = join(root, 'grown');
    const first = await startMockOrgs(options(dataDir));
    await first.close();
    const grown = TELEMETRY_YAML.replace('        site:\n          type: string\n    Panel:', '        site:\n          type: string\n        voltage:\n          type: number\n    Panel:');
    const again = await startMockOrgs({ ...options(dataDir), dataCloud: { connectors: [{ name: 'solar', schema: { yaml: grown }, streams: TELEMETRY_STREAMS }] } });
    try {
      const org = again.org('Solar Farm');
      const token = await tenantToken(org);
      expect((await tenantRequest(org, token, 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', { data: [battery(3, { voltage: 48.2 })] })).status).toBe(202);
      expect(org.dataCloud!.query('SELECT voltage__c AS v FROM BatteryStatus_solar__dll')).toEqual([{ v: 48.2 }]);
    } finally {
      await again.close();
    }
  });

  it('refuses a tenant file another process holds with DATA_DIR_UNUSABLE, and leaves nothing open', async () => {
    const dataDir = join(root, 'locked');
    mkdirSync(dataDir);
    const holder = new Database(join(dataDir, 'solar-farm-datacloud.sqlite'));
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.pragma('journal_mode = WAL');
    holder.exec('BEGIN IMMEDIATE; COMMIT');
    try {
      const err = await startMockOrgs(options(dataDir)).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(DataDirError);
      expect(err).toMatchObject({ code: 'DATA_DIR_UNUSABLE', message: expect.stringMatching(/solar-farm-datacloud\.sqlite: another running mock org holds it/) as unknown });
    } finally {
      holder.close();
    }
    // The org's own file was released when the tenant failed: the next start takes both.
    const next = await startMockOrgs(options(dataDir));
    await next.close();
  });
});

describe('tenant configuration errors', () => {
  it('tells the user to configure a primary key when an object has no id-like field', async () => {
    const err = await startMockOrgs({ orgs: ['A'], sourceDir: null, dataCloud: { connectors: [{ name: 'solar', schema: { yaml: TELEMETRY_YAML } }] } }).then(() => undefined, (e: unknown) => e as Error & { code?: string });
    expect(err?.code).toBe('INVALID_DATACLOUD_CONFIG');
    expect(err?.message).toContain('Panel');
    expect(err?.message).toContain('streams[].primaryKey');
  });

  it('refuses an Engagement stream without an event time field', async () => {
    const streams = [{ object: 'BatteryStatus', category: 'Engagement' as const }, { object: 'Panel', primaryKey: 'serial' }];
    const err = await startMockOrgs({ orgs: ['A'], sourceDir: null, dataCloud: { connectors: [{ name: 'solar', schema: { yaml: TELEMETRY_YAML }, streams }] } }).then(() => undefined, (e: unknown) => e as Error & { code?: string });
    expect(err?.code).toBe('INVALID_DATACLOUD_CONFIG');
    expect(err?.message).toContain('eventTimeField');
  });

  it('passes on the schema error for invalid YAML, listing its problems', async () => {
    const err = await startMockOrgs({ orgs: ['A'], sourceDir: null, dataCloud: { connectors: [{ name: 'bad', schema: { yaml: 'openapi: 3.0.3\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        thingId:\n          type: integer\n' } }] } }).then(() => undefined, (e: unknown) => e as Error & { code?: string });
    expect(err?.code).toBe('INVALID_SCHEMA');
    expect(err?.message).toContain('integer');
  });

  it('registers a connector at runtime with registerConnector', async () => {
    const mock = await startMockOrgs({ orgs: ['A'], sourceDir: null, dataCloud: true });
    try {
      const org = mock.org('A');
      const token = await tenantToken(org);
      expect((await tenantRequest(org, token, 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', { data: [battery(1)] })).status).toBe(404);
      org.dataCloud!.registerConnector('solar', TELEMETRY_YAML, TELEMETRY_STREAMS);
      expect((await tenantRequest(org, token, 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', { data: [battery(1)] })).status).toBe(202);
    } finally {
      await mock.close();
    }
  });
});
