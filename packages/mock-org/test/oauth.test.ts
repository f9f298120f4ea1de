import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { failure, rawRequest, signJwt } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: [{ name: 'A', usernamePasswordEnabled: true }, { name: 'Closed' }] });
  org = orgs.org('A');
});
afterAll(() => orgs.close());

const postToken = async (target: MockOrg, params: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(`${target.loginUrl}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const jwtGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('JWT bearer', () => {
  it('logs jsforce in and answers with a Salesforce-shaped token response', async () => {
    const conn = new Connection({ loginUrl: org.loginUrl, version: '65.0' });
    const info = await conn.authorize({ grant_type: jwtGrant, assertion: signJwt(org, org.users.admin.username) });
    expect(info).toMatchObject({ id: org.users.admin.id, organizationId: org.orgId });
    expect(conn.accessToken).toMatch(new RegExp(`^${org.orgId.slice(0, 15)}!`));
    expect(conn.instanceUrl).toBe(org.instanceUrl);
    const identity = await conn.identity();
    expect(identity.username).toBe(org.users.admin.username);

    const { json } = await postToken(org, { grant_type: jwtGrant, assertion: signJwt(org, org.users.admin.username) });
    expect(json).toMatchObject({ token_type: 'Bearer', instance_url: org.instanceUrl, id: `${org.loginUrl}/id/${org.orgId}/${org.users.admin.id}`, scope: 'api' });
    expect(json.issued_at).toMatch(/^\d{13}$/);
    expect(typeof json.signature).toBe('string');
    expect(json.refresh_token).toBeUndefined();
  });

  it('accepts login.salesforce.com and the instance URL as audience', async () => {
    for (const aud of ['https://login.salesforce.com', 'https://test.salesforce.com', org.instanceUrl]) {
      const { status } = await postToken(org, { grant_type: jwtGrant, assertion: signJwt(org, org.users.admin.username, { aud }) });
      expect(status).toBe(200);
    }
  });

  it('refuses bad assertions with the errors Salesforce sends', async () => {
    const admin = org.users.admin.username;
    const cases: [string, string, string][] = [
      [signJwt(org, admin, { aud: 'https://evil.example.com' }), 'invalid_grant', 'audience is invalid'],
      [signJwt(org, admin, { exp: Math.floor(Date.now() / 1000) - 10 }), 'invalid_grant', 'expired authorization code'],
      [signJwt(org, 'nobody@org-a.mock'), 'invalid_grant', "user hasn't approved this consumer"],
      [signJwt(org, admin, { iss: 'not-our-app' }), 'invalid_client_id', 'client identifier invalid'],
      [signJwt(org, admin).replace(/\.[^.]+$/, '.AAAA'), 'invalid_grant', 'invalid assertion'],
      ['not a jwt', 'invalid_grant', 'invalid assertion'],
    ];
    for (const [assertion, error, description] of cases) {
      const { status, json } = await postToken(org, { grant_type: jwtGrant, assertion });
      expect({ status, json }).toEqual({ status: 400, json: { error, error_description: description } });
    }
    const { json } = await postToken(org, { grant_type: 'magic' });
    expect(json.error).toBe('unsupported_grant_type');
  });

  it('surfaces the OAuth error to jsforce as err.name', async () => {
    const conn = new Connection({ loginUrl: org.loginUrl, version: '65.0' });
    const err = await failure(conn.authorize({ grant_type: jwtGrant, assertion: signJwt(org, org.users.admin.username, { aud: 'https://x' }) }));
    expect(err).toMatchObject({ name: 'invalid_grant', message: 'audience is invalid' });
  });
});

describe('client credentials', () => {
  it('logs in as the run-as integration user', async () => {
    const conn = new Connection({ oauth2: { clientId: org.connectedApp.clientId, clientSecret: org.connectedApp.clientSecret, loginUrl: org.loginUrl }, version: '65.0' });
    const info = await conn.authorize({ grant_type: 'client_credentials' });
    expect(info.id).toBe(org.users.integration.id);
    const userinfo = await rawRequest(org, conn.accessToken!, 'GET', '/services/oauth2/userinfo');
    expect(userinfo.json).toMatchObject({ preferred_username: org.users.integration.username, organization_id: org.orgId, user_id: org.users.integration.id });
  });

  it('refuses a wrong secret', async () => {
    const { status, json } = await postToken(org, { grant_type: 'client_credentials', client_id: org.connectedApp.clientId, client_secret: 'wrong' });
    expect({ status, json }).toEqual({ status: 400, json: { error: 'invalid_client', error_description: 'invalid client credentials' } });
  });
});

describe('refresh, expiry and revocation', () => {
  it('lets jsforce refresh an expired session with its refresh token', async () => {
    const oauth2 = new OAuth2({ clientId: org.connectedApp.clientId, clientSecret: org.connectedApp.clientSecret, loginUrl: org.loginUrl });
    const tokens = await oauth2.authenticate(org.users.admin.username, org.users.admin.password);
    expect(tokens.refresh_token).toBeTruthy();
    const conn = new Connection({ oauth2, instanceUrl: tokens.instance_url, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, version: '65.0' });
    let refreshed = '';
    conn.on('refresh', (token: string) => (refreshed = token));
    org.state.sessions.expire(tokens.access_token);
    const expired = await rawRequest(org, tokens.access_token, 'GET', '/services/data/v65.0/limits');
    expect(expired).toEqual({ status: 401, json: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    const result = await conn.query('SELECT Id FROM User');
    expect(result.totalSize).toBe(2);
    expect(refreshed).toMatch(new RegExp(`^${org.orgId.slice(0, 15)}!`));
    expect(conn.accessToken).not.toBe(tokens.access_token);
  });

  it('expires tokens after the configured lifetime', async () => {
    const short = await startMockOrgs({ orgs: [{ name: 'Short', tokenTtlSeconds: 1 }], sourceDir: null });
    try {
      const target = short.org('Short');
      const { json } = await postToken(target, { grant_type: jwtGrant, assertion: signJwt(target, target.users.admin.username) });
      const token = json.access_token as string;
      expect((await rawRequest(target, token, 'GET', '/services/data/v65.0/limits')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await rawRequest(target, token, 'GET', '/services/data/v65.0/limits')).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('revokes a token', async () => {
    const { json } = await postToken(org, { grant_type: jwtGrant, assertion: signJwt(org, org.users.admin.username) });
    const token = json.access_token as string;
    const res = await fetch(`${org.loginUrl}/services/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(token)}` });
    expect(res.status).toBe(200);
    expect((await rawRequest(org, token, 'GET', '/services/data/v65.0/sobjects')).status).toBe(401);
  });

  it('keeps the username-password flow off unless the org enables it', async () => {
    const closed = orgs.org('Closed');
    const { status, json } = await postToken(closed, { grant_type: 'password', client_id: closed.connectedApp.clientId, client_secret: closed.connectedApp.clientSecret, username: closed.users.admin.username, password: closed.users.admin.password });
    expect({ status, json }).toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'authentication failure' } });
  });
});
