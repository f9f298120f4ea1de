import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { jwtConnection, rawRequest } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;
let conn: Connection;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A'] });
  org = orgs.org('A');
  conn = await jwtConnection(org);
});
afterAll(() => orgs.close());

const countAccounts = async (name: string): Promise<number> => (await conn.query(`SELECT COUNT() FROM Account WHERE Name LIKE '${name}%'`)).totalSize;

describe('sObject collections', () => {
  it('creates with allOrNone false: good records land, bad ones report their own error', async () => {
    const results = await conn.sobject('Account').create([{ Name: 'Partial 1' }, { Name: 'Partial 2', Industry: 'x'.repeat(300) }, { Website: 'no-name.example.com' }], { allOrNone: false });
    expect(results[0]).toMatchObject({ success: true });
    expect(results[1]).toMatchObject({ success: false, errors: [{ statusCode: 'STRING_TOO_LONG', fields: ['Industry'] }] });
    expect(results[2]).toMatchObject({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] });
    expect(await countAccounts('Partial')).toBe(1);
  });

  it('rolls everything back with allOrNone true', async () => {
    const raw = await rawRequest(org, conn.accessToken!, 'POST', '/services/data/v65.0/composite/sobjects', JSON.stringify({
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'Atomic 1' },
        { attributes: { type: 'Account' }, Name: 'Atomic 2', External_Status__c: 'Maybe' },
      ],
    }));
    expect(raw).toEqual({
      status: 200,
      json: [
        { id: null, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] },
        { id: null, success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'External Status: bad value for restricted picklist field: Maybe', fields: ['External_Status__c'] }] },
      ],
    });
    expect(await countAccounts('Atomic')).toBe(0);
  });

  it('updates, upserts and deletes in collections, results in request order', async () => {
    const [a, b] = await conn.sobject('Account').create([{ Name: 'Coll A' }, { Name: 'Coll B' }], { allOrNone: true });
    const updated = await conn.sobject('Account').update([{ Id: a!.id!, Phone: '1' }, { Id: b!.id!, Phone: '2' }], { allOrNone: true });
    expect(updated.map((r) => r.success)).toEqual([true, true]);

    const upserted = await rawRequest(org, conn.accessToken!, 'PATCH', '/services/data/v65.0/composite/sobjects/Account/CAPIQ_Id__c', JSON.stringify({
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, CAPIQ_Id__c: 'C-1', Name: 'Upserted new' },
        { attributes: { type: 'Account' }, CAPIQ_Id__c: 'C-1', Name: 'Upserted again' },
      ],
    }));
    expect(upserted.json).toMatchObject([{ success: true, created: true }, { success: true, created: false }]);

    const deleted = await conn.sobject('Account').destroy([a!.id!, b!.id!, a!.id!], { allOrNone: false });
    expect(deleted.map((r) => r.success)).toEqual([true, true, false]);
    expect(deleted[2]).toMatchObject({ errors: [{ statusCode: 'ENTITY_IS_DELETED' }] });
    expect(await countAccounts('Coll')).toBe(0);
  });

  it('refuses more than 200 records', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Too many ${i}` }));
    const raw = await rawRequest(org, conn.accessToken!, 'POST', '/services/data/v65.0/composite/sobjects', JSON.stringify({ records }));
    expect(raw.status).toBe(400);
    expect(raw.json).toMatchObject([{ errorCode: 'EXCEEDED_ID_LIMIT' }]);
  });
});

describe('/composite', () => {
  it('feeds @{ref.id} from one subrequest into the next', async () => {
    const raw = await rawRequest(org, conn.accessToken!, 'POST', '/services/data/v65.0/composite', JSON.stringify({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v65.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Parent' } },
        { method: 'POST', url: '/services/data/v65.0/sobjects/Contact', referenceId: 'contact', body: { LastName: 'Child', AccountId: '@{acct.id}' } },
        { method: 'GET', url: '/services/data/v65.0/sobjects/Contact/@{contact.id}?fields=AccountId,Name', referenceId: 'read' },
      ],
    }));
    const responses = (raw.json as { compositeResponse: { httpStatusCode: number; body: Record<string, unknown>; referenceId: string }[] }).compositeResponse;
    expect(responses.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([['acct', 201], ['contact', 201], ['read', 200]]);
    expect(responses[2]!.body).toMatchObject({ AccountId: responses[0]!.body.id, Name: 'Child' });
  });

  it('rolls back every subrequest with allOrNone when one fails', async () => {
    const raw = await rawRequest(org, conn.accessToken!, 'POST', '/services/data/v65.0/composite', JSON.stringify({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v65.0/sobjects/Account', referenceId: 'ok', body: { Name: 'Rolled Back Parent' } },
        { method: 'POST', url: '/services/data/v65.0/sobjects/Contact', referenceId: 'bad', body: { FirstName: 'No last name' } },
        { method: 'GET', url: '/services/data/v65.0/sobjects/Account/@{ok.id}', referenceId: 'after' },
      ],
    }));
    const responses = (raw.json as { compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] }).compositeResponse;
    expect(responses.map((r) => [r.httpStatusCode, r.body[0]!.errorCode])).toEqual([
      [400, 'PROCESSING_HALTED'],
      [400, 'REQUIRED_FIELD_MISSING'],
      [400, 'PROCESSING_HALTED'],
    ]);
    expect(await countAccounts('Rolled Back')).toBe(0);
  });
});
