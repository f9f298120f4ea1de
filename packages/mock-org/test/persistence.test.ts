import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirError, startMockOrgs, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection } from './orgClients.js';

const root = mkdtempSync(join(tmpdir(), 'mock-org-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an org with a dataDir', () => {
  const dataDir = join(root, 'restart');
  let running: MockOrgs | undefined;
  afterAll(() => running?.close());

  it('comes back after a restart with its id, credentials, sessions, counters and records', async () => {
    running = await startMockOrgs({ orgs: ['Durable', 'Other'], dataDir });
    const first = running.org('Durable');
    const conn = await jwtConnection(first);
    const kept = await conn.sobject('Account').create({ Name: 'Kept', CAPIQ_Id__c: 'IQ-1', NumberOfEmployees: 12 });
    const changed = await conn.sobject('Account').create({ Name: 'Before' });
    await conn.sobject('Account').update({ Id: changed.id!, Name: 'After', Industry: 'Energy' });
    const removed = await conn.sobject('Account').create({ Name: 'Removed' });
    await conn.sobject('Account').destroy(removed.id!);
    const run = await conn.sobject('Enrichment_Run__c').create({ Status__c: 'Running' });
    const before = { orgId: first.orgId, users: first.users, connectedApp: first.connectedApp, token: conn.accessToken! };
    await running.close();

    running = await startMockOrgs({ orgs: ['Durable'], dataDir });
    const again = running.org('Durable');
    expect({ orgId: again.orgId, users: again.users, connectedApp: again.connectedApp }).toEqual({ orgId: before.orgId, users: before.users, connectedApp: before.connectedApp });

    // The old access token still works on the new port; so do JWT and client credentials.
    const old = new Connection({ instanceUrl: again.instanceUrl, accessToken: before.token, version: '65.0' });
    expect((await old.query<{ Id: string }>('SELECT Id FROM Organization')).records[0]?.Id).toBe(before.orgId);
    const fresh = await jwtConnection(again);
    const byClient = new Connection({ oauth2: { clientId: again.connectedApp.clientId, clientSecret: again.connectedApp.clientSecret, loginUrl: again.loginUrl }, version: '65.0' });
    await byClient.authorize({ grant_type: 'client_credentials' });

    const rows = await fresh.query<{ Id: string; Name: string; Industry: string | null; NumberOfEmployees: number | null }>('SELECT Id, Name, Industry, NumberOfEmployees FROM Account ORDER BY Name');
    expect(rows.records.map(({ Id, Name, Industry, NumberOfEmployees }) => ({ Id, Name, Industry, NumberOfEmployees }))).toEqual([
      { Id: changed.id, Name: 'After', Industry: 'Energy', NumberOfEmployees: null },
      { Id: kept.id, Name: 'Kept', Industry: null, NumberOfEmployees: 12 },
    ]);
    expect((await fresh.query(`SELECT Id FROM Account WHERE CAPIQ_Id__c = 'iq-1'`)).records[0]?.Id).toBe(kept.id);
    expect((await fresh.query(`SELECT IsDeleted FROM Account WHERE Id = '${removed.id}'`, { scanAll: true })).records).toMatchObject([{ IsDeleted: true }]);
    expect((await fresh.query("SELECT Id FROM User WHERE Username LIKE 'admin@%'")).records.map((r) => r.Id)).toEqual([again.users.admin.id]);

    // New ids and AutoNumbers carry on from the stored ones.
    const next = await byClient.sobject('Account').create({ Name: 'New' });
    const nextRun = await fresh.sobject('Enrichment_Run__c').create({ Status__c: 'Running' });
    const allIds = [before.orgId, before.users.admin.id, before.users.integration.id, kept.id, changed.id, removed.id, run.id];
    expect(allIds).not.toContain(next.id);
    expect(allIds).not.toContain(nextRun.id);
    const runs = await fresh.query<{ Name: string }>('SELECT Name FROM Enrichment_Run__c ORDER BY Name');
    expect(runs.records.map((r) => r.Name)).toEqual(['RUN-000001', 'RUN-000002']);
  });

  it('refuses a second process on the same file while the first runs', async () => {
    const dir = join(root, 'busy');
    const holder = await startMockOrgs({ orgs: ['Busy'], dataDir: dir, sourceDir: null });
    try {
      const err = await failure(startMockOrgs({ orgs: ['Busy'], dataDir: dir, sourceDir: null }));
      expect(err).toBeInstanceOf(DataDirError);
      expect(err).toMatchObject({ code: 'DATA_DIR_UNUSABLE', message: expect.stringMatching(/another running mock org holds it/) as unknown });
    } finally {
      await holder.close();
    }
  });

  it('says what to do when the dataDir cannot be created', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a directory');
    const err = await failure(startMockOrgs({ orgs: ['A'], dataDir: join(file, 'data'), sourceDir: null }));
    expect(err).toMatchObject({ code: 'DATA_DIR_UNUSABLE', message: expect.stringMatching(/Cannot create the data directory .*Pass a dataDir you can write to/) as unknown });
  });

  it('says what to do when the org file is not a database', async () => {
    const dir = join(root, 'garbage');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.sqlite'), 'this is not a SQLite database, just text that is long enough to have a header');
    const err = await failure(startMockOrgs({ orgs: ['A'], dataDir: dir, sourceDir: null }));
    expect(err).toMatchObject({ code: 'DATA_DIR_UNUSABLE', message: expect.stringMatching(/a\.sqlite: file is not a database\. .*delete the file/) as unknown });
  });
});
