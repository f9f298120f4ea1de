import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection, rawRequest } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;
let conn: Connection;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A', { name: 'Tight', apiRequestLimit: 3 }] });
  org = orgs.org('A');
  conn = await jwtConnection(org);
});
afterAll(() => orgs.close());

describe('CRUD through jsforce', () => {
  it('creates, reads, updates and deletes an account, keeping the system fields', async () => {
    const created = await conn.sobject('Account').create({ name: 'Acme', Industry: 'Energy', Website: 'acme.example.com' });
    expect(created).toMatchObject({ success: true, errors: [] });
    expect(created.id).toMatch(/^001[a-zA-Z0-9]{12}[A-Z0-5]{3}$/);
    const record = await conn.sobject('Account').retrieve(created.id!);
    expect(record).toMatchObject({
      attributes: { type: 'Account', url: `/services/data/v65.0/sobjects/Account/${created.id}` },
      Name: 'Acme',
      Industry: 'Energy',
      OwnerId: org.users.admin.id,
      CreatedById: org.users.admin.id,
      IsDeleted: false,
      Get_Data_From_External__c: false,
    });
    expect(record.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);

    await conn.sobject('Account').update({ Id: created.id!, Phone: '555-0100', External_Status__c: 'Updated' });
    const fields = await rawRequest(org, conn.accessToken!, 'GET', `/services/data/v65.0/sobjects/Account/${created.id!.slice(0, 15)}?fields=Name,phone,External_Status__c`);
    expect(fields).toEqual({
      status: 200,
      json: { attributes: { type: 'Account', url: `/services/data/v65.0/sobjects/Account/${created.id}` }, Name: 'Acme', Phone: '555-0100', External_Status__c: 'Updated' },
    });

    await conn.sobject('Account').destroy(created.id!);
    const gone = await rawRequest(org, conn.accessToken!, 'GET', `/services/data/v65.0/sobjects/Account/${created.id}`);
    expect(gone.status).toBe(404);
    expect((await conn.query(`SELECT Id FROM Account WHERE Id = '${created.id}'`)).totalSize).toBe(0);
    expect((await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${created.id}'`, { scanAll: true })).records[0]).toMatchObject({ IsDeleted: true });
  });

  it('upserts by external id: 201 created, then 200 updated', async () => {
    const first = await conn.sobject('Account').upsert({ Name: 'Capital One', CAPIQ_Id__c: 'IQ-100' }, 'CAPIQ_Id__c');
    expect(first).toMatchObject({ success: true, created: true });
    const raw = await rawRequest(org, conn.accessToken!, 'PATCH', '/services/data/v65.0/sobjects/Account/CAPIQ_Id__c/iq-100', JSON.stringify({ Headquarters__c: 'McLean, VA' }));
    expect(raw).toEqual({ status: 200, json: { id: (first as { id: string }).id, success: true, errors: [], created: false } });
    const old = await rawRequest(org, conn.accessToken!, 'PATCH', '/services/data/v45.0/sobjects/Account/CAPIQ_Id__c/IQ-100', JSON.stringify({ Phone: '1' }));
    expect(old.status).toBe(204);
    const rows = await conn.query("SELECT Name, Headquarters__c, Phone FROM Account WHERE CAPIQ_Id__c = 'IQ-100'");
    expect(rows.records).toMatchObject([{ Name: 'Capital One', Headquarters__c: 'McLean, VA', Phone: '1' }]);
    const unknownField = await rawRequest(org, conn.accessToken!, 'PATCH', '/services/data/v65.0/sobjects/Account/Website/x', '{}');
    expect(unknownField).toEqual({ status: 404, json: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
  });

  it('creates custom records with master-detail and AutoNumber names', async () => {
    const run = await conn.sobject('Enrichment_Run__c').create({ Status__c: 'Running', Started__c: '2026-11-26T10:00:00Z', Callouts__c: 3 });
    const item = await conn.sobject('Enrichment_Run_Item__c').create({ Enrichment_Run__c: run.id, Outcome__c: 'Failed', Reason__c: 'HTTP 500' });
    const items = await conn.query(`SELECT Name, Outcome__c, Enrichment_Run__r.Name FROM Enrichment_Run_Item__c WHERE Id = '${item.id}'`);
    expect(items.records[0]).toMatchObject({ Name: 'ITEM-00000001', Outcome__c: 'Failed', Enrichment_Run__r: { Name: 'RUN-000001' } });
    const runRecord = await conn.sobject('Enrichment_Run__c').retrieve(run.id!);
    expect(runRecord).toMatchObject({ Started__c: '2026-11-26T10:00:00.000+0000', Callouts__c: 3 });
    expect(runRecord.OwnerId).toBe(org.users.admin.id);
  });
});

describe('describe', () => {
  it('describes objects the way jsforce expects', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Account', 'Lead', 'User', 'Enrichment_Run__c', 'Enrichment_Run_Item__c', 'Account_Enrichment_Settings__c']));
    const account = await conn.sobject('Account').describe();
    expect(account).toMatchObject({ name: 'Account', keyPrefix: '001', custom: false, createable: true });
    const capiq = account.fields.find((f) => f.name === 'CAPIQ_Id__c');
    expect(capiq).toMatchObject({ type: 'string', length: 80, externalId: true, unique: true, custom: true, nillable: true, createable: true });
    const status = account.fields.find((f) => f.name === 'External_Status__c');
    expect(status).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(status!.picklistValues!.map((p) => p.value)).toEqual(['Updated', 'Not Found', 'Failed']);
    expect(account.childRelationships).toEqual(expect.arrayContaining([expect.objectContaining({ relationshipName: 'Enrichment_Run_Items__r', childSObject: 'Enrichment_Run_Item__c', field: 'Account__c' })]));

    const item = await conn.sobject('Enrichment_Run_Item__c').describe();
    expect(item.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
    expect(item.fields.find((f) => f.name === 'Enrichment_Run__c')).toMatchObject({ type: 'reference', referenceTo: ['Enrichment_Run__c'], relationshipName: 'Enrichment_Run__r', nillable: false });
    expect(item.fields.find((f) => f.name === 'OwnerId')).toBeUndefined();
    const lead = await conn.sobject('Lead').describe();
    expect(lead.fields.find((f) => f.name === 'Status')!.picklistValues!.map((p) => p.value)).toContain('Converted');
    const settings = await conn.sobject('Account_Enrichment_Settings__c').describe();
    expect(settings.customSetting).toBe(true);
  });
});

describe('query paging and limits', () => {
  it('pages results of more than 2000 rows through nextRecordsUrl', async () => {
    for (let batch = 0; batch < 11; batch++) {
      const records = Array.from({ length: 200 }, (_, i) => ({ attributes: { type: 'Lead' }, LastName: `Lead ${batch * 200 + i}`, Company: 'Bulk Co' }));
      const results = await rawRequest(org, conn.accessToken!, 'POST', '/services/data/v65.0/composite/sobjects', JSON.stringify({ allOrNone: true, records }));
      expect((results.json as { success: boolean }[]).every((r) => r.success)).toBe(true);
    }
    const first = await conn.query("SELECT Id, Status FROM Lead WHERE Company = 'Bulk Co'");
    expect(first).toMatchObject({ totalSize: 2200, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v65\.0\/query\/01g[a-zA-Z0-9]{15}-2000$/);
    const raw = await rawRequest(org, conn.accessToken!, 'GET', `/services/data/v65.0/query?q=${encodeURIComponent("SELECT Id FROM Lead WHERE Company = 'Bulk Co'")}`);
    expect((raw.json as { nextRecordsUrl: string }).nextRecordsUrl).toMatch(/^\/services\/data\/v65\.0\/query\/01g[a-zA-Z0-9]{15}-2000$/);
    expect(first.records[0]).toMatchObject({ Status: 'Open - Not Contacted' });
    const rest = await conn.queryMore(first.nextRecordsUrl!);
    expect(rest).toMatchObject({ totalSize: 2200, done: true });
    expect(rest.records).toHaveLength(200);
    const all = await conn.query("SELECT Id FROM Lead WHERE Company = 'Bulk Co'", { autoFetch: true, maxFetch: 5000 });
    expect(all.records).toHaveLength(2200);
  });

  it('counts API requests in /limits and refuses them past the limit', async () => {
    const tight = orgs.org('Tight');
    const tightConn = await jwtConnection(tight);
    const limits = (await tightConn.limits()) as unknown as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests).toEqual({ Max: 3, Remaining: 2 });
    await tightConn.query('SELECT Id FROM User');
    await tightConn.query('SELECT Id FROM User');
    const err = await failure(tightConn.query('SELECT Id FROM User'));
    expect(err).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    const versions = await fetch(`${tight.instanceUrl}/services/data`);
    expect(versions.status).toBe(200);
    expect(await versions.json()).toEqual(expect.arrayContaining([{ label: "Winter '26", url: '/services/data/v65.0', version: '65.0' }]));
  });

  it('accepts older API version paths and 404s unknown ones', async () => {
    expect((await rawRequest(org, conn.accessToken!, 'GET', '/services/data/v20.0/sobjects/Account/describe')).status).toBe(200);
    expect((await rawRequest(org, conn.accessToken!, 'GET', '/services/data/v19.0/sobjects')).status).toBe(404);
    expect((await rawRequest(org, conn.accessToken!, 'GET', '/services/data/v66.0/sobjects')).status).toBe(404);
  });
});
