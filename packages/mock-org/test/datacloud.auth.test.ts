import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { battery, coreToken, exchange, TELEMETRY_STREAMS, TELEMETRY_YAML, tenantRequest } from './dataCloudClient.js';

let orgs: MockOrgs;
let clock = Date.now();

beforeAll(async () => {
  const connectors = [{ name: 'solar', schema: { yaml: TELEMETRY_YAML }, streams: TELEMETRY_STREAMS }];
  orgs = await startMockOrgs({
    orgs: ['A', { name: 'B', dataCloud: { connectors, instanceUrlWithoutScheme: true, dataspaces: ['default', 'emea'], tokenTtlSeconds: 600 } }, { name: 'Plain', dataCloud: false }],
    sourceDir: null,
    now: () => new Date(clock),
    dataCloud: { connectors },
  });
});
afterAll(() => orgs.close());

const insertOne = (org: MockOrg, token: string) => tenantRequest(org, token, 'POST', '/api/v1/ingest/sources/solar/BatteryStatus', { data: [battery(1)] });

describe('token exchange', () => {
  it('trades a core token on the core URL for a tenant token and the tenant URL', async () => {
    const a = orgs.org('A');
    const answer = await exchange(a.instanceUrl, await coreToken(a));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ instance_url: a.dataCloud!.tenantUrl, token_type: 'Bearer', issued_token_type: 'urn:ietf:params:oauth:token-type:jwt', expires_in: 7200 });
    expect(a.dataCloud!.tenantUrl).not.toBe(a.instanceUrl);
    expect((await insertOne(a, answer.body.access_token as string)).status).toBe(202);
  });

  it('is not served by the tenant: the exchange goes to the core instance URL', async () => {
    const a = orgs.org('A');
    const answer = await exchange(a.dataCloud!.tenantUrl, await coreToken(a));
    expect(answer.status).toBe(404);
  });

  it('answers instance_url without the scheme when the tenant is configured so', async () => {
    const b = orgs.org('B');
    const answer = await exchange(b.instanceUrl, await coreToken(b));
    expect(answer.body.instance_url).toBe(b.dataCloud!.tenantUrl.replace('http://', ''));
    expect(answer.body.expires_in).toBe(600);
  });

  it('issues tokens for a configured dataspace and refuses an unknown one', async () => {
    const b = orgs.org('B');
    const core = await coreToken(b);
    expect((await exchange(b.instanceUrl, core, { dataspace: 'emea' })).status).toBe(200);
    const unknown = await exchange(b.instanceUrl, core, { dataspace: 'apac' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_request' });
    expect(unknown.body.error_description).toContain('apac');
  });

  it('refuses another grant type and a missing subject token type', async () => {
    const a = orgs.org('A');
    const core = await coreToken(a);
    const grant = await exchange(a.instanceUrl, core, { grant_type: 'client_credentials' });
    expect(grant).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const type = await exchange(a.instanceUrl, core, { subject_token_type: 'urn:ietf:params:oauth:token-type:jwt' });
    expect(type).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('refuses an unknown, foreign or expired core token with 401 invalid_grant', async () => {
    const a = orgs.org('A');
    const b = orgs.org('B');
    expect(await exchange(a.instanceUrl, 'not-a-token')).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
    expect(await exchange(a.instanceUrl, await coreToken(b))).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
    const core = await coreToken(a);
    a.state.sessions.expire(core);
    expect(await exchange(a.instanceUrl, core)).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
  });

  it('is not offered by an org without a tenant', async () => {
    const plain = orgs.org('Plain');
    expect(plain.dataCloud).toBeUndefined();
    expect((await exchange(plain.instanceUrl, await coreToken(plain))).status).toBe(404);
  });
});

describe('tenant tokens', () => {
  it('refuses a core token at the tenant with 401 in the Data Cloud error shape', async () => {
    const a = orgs.org('A');
    const answer = await insertOne(a, await coreToken(a));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'Unauthorized', message: 'JWT invalid or expired. Refresh the token.', path: 'uri=/api/v1/ingest/sources/solar/BatteryStatus', tenantId: a.dataCloud!.tenantId });
    expect(typeof answer.body.timestamp).toBe('string');
  });

  it("refuses another tenant's token", async () => {
    const a = orgs.org('A');
    const b = orgs.org('B');
    const bToken = (await exchange(b.instanceUrl, await coreToken(b))).body.access_token as string;
    expect((await insertOne(a, bToken)).status).toBe(401);
  });

  it('refuses every token after expireTokens, and a new exchange works again', async () => {
    const a = orgs.org('A');
    const core = await coreToken(a);
    const token = (await exchange(a.instanceUrl, core)).body.access_token as string;
    a.dataCloud!.expireTokens();
    expect((await insertOne(a, token)).status).toBe(401);
    const fresh = (await exchange(a.instanceUrl, core)).body.access_token as string;
    expect((await insertOne(a, fresh)).status).toBe(202);
  });

  it('refuses a token past its lifetime', async () => {
    const b = orgs.org('B');
    const token = (await exchange(b.instanceUrl, await coreToken(b))).body.access_token as string;
    expect((await insertOne(b, token)).status).toBe(202);
    clock += 601_000;
    try {
      expect((await insertOne(b, token)).status).toBe(401);
    } finally {
      clock -= 601_000;
    }
  });
});
