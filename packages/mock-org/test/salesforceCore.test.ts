import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';

// @salesforce/core writes auth files under the home folder and resolves it when first used:
// point HOME at a temp folder before the library loads, so the test never touches the real ~/.sfdx.
const home = mkdtempSync(join(tmpdir(), 'mock-org-sfcore-'));
process.env.HOME = home;
process.env.USERPROFILE = home;
process.env.SF_DISABLE_DNS_CHECK = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
const { AuthInfo, Connection } = await import('@salesforce/core');

let orgs: MockOrgs;
let org: MockOrg;
let jwtAuth: InstanceType<typeof AuthInfo>;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A'] });
  org = orgs.org('A');
  const privateKeyFile = join(home, 'server.key');
  writeFileSync(privateKeyFile, org.connectedApp.privateKeyPem);
  // The token call, then a ScratchOrgInfo query (400: not a Dev Hub) and the Organization row,
  // which AuthInfo saves under ~/.sfdx: what `sf org display` shows comes from these answers.
  jwtAuth = await AuthInfo.create({
    username: org.users.admin.username,
    oauth2Options: { clientId: org.connectedApp.clientId, privateKeyFile, loginUrl: org.loginUrl },
  });
});
afterAll(async () => {
  await orgs.close();
  rmSync(home, { recursive: true, force: true });
});

/** An access token for the integration user, as a CI job gets it by client credentials. */
async function clientCredentialsToken(): Promise<string> {
  const res = await fetch(`${org.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: org.connectedApp.clientId, client_secret: org.connectedApp.clientSecret }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('@salesforce/core against a mock org', () => {
  it('authorizes by JWT bearer, learns the org, and queries it', async () => {
    expect(jwtAuth.getFields()).toMatchObject({
      username: org.users.admin.username,
      orgId: org.orgId,
      instanceUrl: org.instanceUrl,
      loginUrl: org.loginUrl,
      isDevHub: false,
      name: 'Mock Org A',
      instanceName: 'MOCK1',
      orgEdition: 'Developer Edition',
      isSandbox: false,
      isScratch: false,
    });

    const conn = await Connection.create({ authInfo: jwtAuth, connectionOptions: { version: '65.0' } });
    expect(conn.getAuthInfoFields().orgId).toBe(org.orgId);
    expect(conn.getApiVersion()).toBe('65.0');
    const organization = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Organization');
    expect(organization).toMatchObject({ totalSize: 1, done: true, records: [{ Id: org.orgId, Name: 'Mock Org A' }] });

    const created = await conn.sobject('Account').create([
      { Name: 'Core Alpha', CAPIQ_Id__c: 'CORE-1' },
      { Name: 'Core Beta', CAPIQ_Id__c: 'CORE-2' },
    ]);
    expect(created.map((r) => r.success)).toEqual([true, true]);
    const accounts = await conn.query<{ Id: string; Name: string; OwnerId: string }>("SELECT Id, Name, OwnerId FROM Account WHERE CAPIQ_Id__c LIKE 'CORE-%' ORDER BY Name");
    expect(accounts.records.map((r) => [r.Id, r.Name, r.OwnerId])).toEqual([
      [created[0]!.id, 'Core Alpha', org.users.admin.id],
      [created[1]!.id, 'Core Beta', org.users.admin.id],
    ]);
  });

  it('saves the JWT authorization and reuses it by username alone, as the CLI does', async () => {
    expect(existsSync(join(home, '.sfdx', `${org.users.admin.username}.json`))).toBe(true);

    const saved = await AuthInfo.create({ username: org.users.admin.username });
    const conn = await Connection.create({ authInfo: saved, connectionOptions: { version: '65.0' } });
    const users = await conn.query<{ Username: string }>('SELECT Username FROM User ORDER BY Username');
    expect(users.records.map((r) => r.Username)).toEqual([org.users.admin.username, org.users.integration.username]);
  });

  it('connects with an access token used as the username, without saving anything', async () => {
    const token = await clientCredentialsToken();
    const authInfo = await AuthInfo.create({ username: token, accessTokenOptions: { accessToken: token, instanceUrl: org.instanceUrl } });
    // The org id comes from the token's prefix: 15 characters, as with a real org.
    expect(authInfo.getFields()).toMatchObject({ orgId: org.orgId.slice(0, 15), instanceUrl: org.instanceUrl });

    const conn = await Connection.create({ authInfo, connectionOptions: { version: '65.0' } });
    const organization = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Organization');
    expect(organization.records).toMatchObject([{ Id: org.orgId, Name: 'Mock Org A' }]);
    const created = await conn.sobject('Account').create({ Name: 'Token Gamma', CAPIQ_Id__c: 'TOKEN-1' });
    const accounts = await conn.query<{ Id: string; OwnerId: string }>("SELECT Id, OwnerId FROM Account WHERE CAPIQ_Id__c = 'TOKEN-1'");
    expect(accounts.records).toMatchObject([{ Id: created.id, OwnerId: org.users.integration.id }]);
    expect(existsSync(join(home, '.sfdx', `${token}.json`))).toBe(false);
  });

  it('resolves the user behind an access token through userinfo when given a real username', async () => {
    const token = await clientCredentialsToken();
    const authInfo = await AuthInfo.create({ username: org.users.integration.username, accessTokenOptions: { accessToken: token, instanceUrl: org.instanceUrl } });
    expect(authInfo.getFields()).toMatchObject({ username: org.users.integration.username, orgId: org.orgId, isDevHub: false });

    const conn = await Connection.create({ authInfo, connectionOptions: { version: '65.0' } });
    const me = await conn.query<{ Id: string; Profile: { Name: string } }>(`SELECT Id, Profile.Name FROM User WHERE Username = '${org.users.integration.username}'`);
    expect(me.records).toMatchObject([{ Id: org.users.integration.id, Profile: { Name: 'Minimum Access - API Only Integrations' } }]);
  });

  it('asks the org for its API version when none is pinned', async () => {
    const token = await clientCredentialsToken();
    const authInfo = await AuthInfo.create({ username: token, accessTokenOptions: { accessToken: token, instanceUrl: org.instanceUrl } });
    const conn = await Connection.create({ authInfo });
    expect(conn.getApiVersion()).toBe('65.0');
  });
});
