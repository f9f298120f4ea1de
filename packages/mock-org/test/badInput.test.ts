import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs, type RouteModule } from '../src/index.js';
import { failure, jwtConnection, rawRequest } from './orgClients.js';

const brokenModule: RouteModule = {
  name: 'broken',
  routes: [
    { method: 'GET', path: '/services/broken', auth: 'public', handler: () => { throw new TypeError('boom'); } },
    { method: 'POST', path: '/services/echo/:name', auth: 'session', handler: (ctx) => ({ status: 200, body: { name: ctx.params.name, got: ctx.body, user: ctx.session!.userId } }) },
  ],
};

let orgs: MockOrgs;
let org: MockOrg;
let conn: Connection;
let token: string;

beforeAll(async () => {
  orgs = await startMockOrgs({
    orgs: [{
      name: 'B',
      apexRest: [{ method: 'POST', path: '/verifiedAccounts', handler: (req) => ({ body: { received: req.body, userId: req.userId } }) }],
    }],
    modules: [brokenModule],
  });
  org = orgs.org('B');
  conn = await jwtConnection(org);
  token = conn.accessToken!;
});
afterAll(() => orgs.close());

const post = (path: string, body: string) => rawRequest(org, token, 'POST', path, body);

describe('bad input gets the Salesforce error and the server keeps serving', () => {
  it('malformed JSON → 400 JSON_PARSER_ERROR', async () => {
    const res = await post('/services/data/v65.0/sobjects/Account', '{"Name": "Acme",');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    expect((res.json as { message: string }[])[0]!.message).toMatch(/\[line:1, column:\d+\]/);
    expect((await post('/services/data/v65.0/sobjects/Account', '[1,2]')).json).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
  });

  it('unknown object → 404 NOT_FOUND; unknown field → INVALID_FIELD', async () => {
    const unknownObject = await failure(conn.sobject('Foo__c').create({ Name: 'x' }));
    expect(unknownObject).toMatchObject({ errorCode: 'NOT_FOUND', name: 'NOT_FOUND', message: 'The requested resource does not exist' });
    const unknownField = await failure(conn.sobject('Account').create({ Name: 'x', Foo__c: 1 }));
    expect(unknownField).toMatchObject({ errorCode: 'INVALID_FIELD', name: 'INVALID_FIELD', message: "No such column 'Foo__c' on sobject of type Account" });
    const query = await failure(conn.query('SELECT Id FROM Foo__c'));
    expect(query).toMatchObject({ errorCode: 'INVALID_TYPE' });
    const badRead = await rawRequest(org, token, 'GET', '/services/data/v65.0/sobjects/Account/001000000000000AAA?fields=Nope');
    expect(badRead.status).toBe(404);
    const collection = await rawRequest(org, token, 'POST', '/services/data/v65.0/composite/sobjects', JSON.stringify({ records: [{ attributes: { type: 'Foo__c' }, Name: 'x' }] }));
    expect(collection.json).toMatchObject([{ success: false, errors: [{ statusCode: 'INVALID_TYPE', message: "sObject type 'Foo__c' is not supported." }] }]);
  });

  it('wrong types, oversized text, bad picklists, read-only and required fields', async () => {
    const cases: [string, Record<string, unknown>, string, string[] | undefined][] = [
      ['Enrichment_Run__c', { Callouts__c: 'three' }, 'JSON_PARSER_ERROR', undefined],
      ['Enrichment_Run__c', { Callouts__c: 1e10 }, 'NUMBER_OUTSIDE_VALID_RANGE', ['Callouts__c']],
      ['Enrichment_Run__c', { Started__c: 'yesterday' }, 'JSON_PARSER_ERROR', undefined],
      ['Enrichment_Run__c', { Full_Sync__c: 'maybe' }, 'JSON_PARSER_ERROR', undefined],
      ['Account', { Name: 'x'.repeat(256) }, 'STRING_TOO_LONG', ['Name']],
      ['Account', { Name: 'Acme', External_Status__c: 'Perhaps' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['External_Status__c']],
      ['Account', { Name: 'Acme', CreatedDate: '2020-01-01T00:00:00Z' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['CreatedDate']],
      ['Account', { Name: 'Acme', ParentId: 'not-an-id' }, 'MALFORMED_ID', ['ParentId']],
      ['Account', { Name: 'Acme', ParentId: org.users.admin.id }, 'FIELD_INTEGRITY_EXCEPTION', ['ParentId']],
      ['Lead', { LastName: 'Only' }, 'REQUIRED_FIELD_MISSING', ['Company']],
      ['Enrichment_Run_Item__c', { Outcome__c: 'Failed' }, 'REQUIRED_FIELD_MISSING', ['Enrichment_Run__c']],
    ];
    for (const [object, body, errorCode, fields] of cases) {
      const res = await post(`/services/data/v65.0/sobjects/${object}`, JSON.stringify(body));
      expect({ object, body, status: res.status }).toEqual({ object, body, status: 400 });
      const [error] = res.json as { errorCode: string; fields?: string[] }[];
      expect({ body, errorCode: error!.errorCode, fields: error!.fields }).toEqual({ body, errorCode, fields });
    }
    const tooLong = (await post('/services/data/v65.0/sobjects/Account', JSON.stringify({ Name: 'x'.repeat(256) }))).json as { message: string }[];
    expect(tooLong[0]!.message).toBe(`Account Name: data value too large: ${'x'.repeat(256)} (max length=255)`);
  });

  it('refuses a duplicate unique external id', async () => {
    await conn.sobject('Account').create({ Name: 'First', CAPIQ_Id__c: 'DUP-1' });
    const err = await failure(conn.sobject('Account').create({ Name: 'Second', CAPIQ_Id__c: 'dup-1' }));
    expect(err).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    expect(err.message).toMatch(/^duplicate value found: CAPIQ_Id__c duplicates value on record with id: 001/);
  });

  it('turns a handler throw into 500 UNKNOWN_EXCEPTION and keeps serving', async () => {
    const res = await fetch(`${org.instanceUrl}/services/broken`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual([{ errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' }]);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(2);
  });

  it('plugs extra route modules into the router with auth and JSON parsing', async () => {
    const res = await post('/services/echo/hello', '{"a":1}');
    expect(res).toEqual({ status: 200, json: { name: 'hello', got: { a: 1 }, user: org.users.admin.id } });
    const noToken = await fetch(`${org.instanceUrl}/services/echo/hello`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const wrongMethod = await rawRequest(org, token, 'PUT', '/services/data/v65.0/sobjects/Account');
    expect(wrongMethod.status).toBe(405);
    expect((await rawRequest(org, token, 'GET', '/nowhere')).json).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    expect((await rawRequest(org, token, 'GET', '/services/data/v65.0/sobjects/Account/%E0%A4%A')).status).toBe(404);
  });

  it('routes /services/apexrest to registered handlers', async () => {
    const res = await conn.apex.post<{ received: unknown; userId: string }>('/verifiedAccounts', { capiqIds: ['IQ1'] });
    expect(res).toEqual({ received: { capiqIds: ['IQ1'] }, userId: org.users.admin.id });
    org.apexRest.register('GET', '/fails/*', () => {
      throw new Error('Attempt to de-reference a null object');
    });
    const failed = await rawRequest(org, token, 'GET', '/services/apexrest/fails/1');
    expect(failed).toEqual({ status: 500, json: [{ errorCode: 'APEX_ERROR', message: 'Error: Attempt to de-reference a null object' }] });
    expect((await rawRequest(org, token, 'GET', '/services/apexrest/missing')).json).toEqual([{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]);
  });
});
