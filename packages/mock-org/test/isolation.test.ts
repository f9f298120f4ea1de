import { afterAll, beforeAll, expect, it } from 'vitest';
import { isValidId, startMockOrgs, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection, rawRequest, signJwt } from './orgClients.js';

let orgs: MockOrgs;
beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A', 'B'] });
});
afterAll(() => orgs.close());

it('starts each org on its own loopback port with its own org id, users and app', () => {
  const [a, b] = [orgs.org('A'), orgs.org('B')];
  expect(a.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(a.instanceUrl).not.toBe(b.instanceUrl);
  expect(a.orgId).toMatch(/^00D[a-zA-Z0-9]{15}$/);
  expect(isValidId(a.orgId)).toBe(true);
  expect(a.orgId).not.toBe(b.orgId);
  expect(a.users.admin).toMatchObject({ username: 'admin@org-a.mock', profile: 'System Administrator' });
  expect(a.users.admin.id.startsWith('005')).toBe(true);
  expect(b.users.integration.username).toBe('integration@org-b.mock');
  expect(a.connectedApp.clientId).not.toBe(b.connectedApp.clientId);
  expect(a.connectedApp.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(a.connectedApp.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(() => orgs.org('C')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ORG' }));
});

it("rejects Org A's token and Org A's JWT at Org B", async () => {
  const [a, b] = [orgs.org('A'), orgs.org('B')];
  const connA = await jwtConnection(a);
  expect(await rawRequest(b, connA.accessToken!, 'GET', '/services/data/v65.0/sobjects')).toEqual({
    status: 401,
    json: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
  });
  const res = await fetch(`${b.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(a, a.users.admin.username, { aud: b.loginUrl }) }).toString(),
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
});

it('keeps each org’s data to itself', async () => {
  const connA = await jwtConnection(orgs.org('A'));
  const connB = await jwtConnection(orgs.org('B'));
  const created = await connA.sobject('Account').create({ Name: 'Only in A' });
  expect((await connA.query("SELECT Id FROM Account WHERE Name = 'Only in A'")).totalSize).toBe(1);
  expect((await connB.query("SELECT Id FROM Account WHERE Name = 'Only in A'")).totalSize).toBe(0);
  const err = await failure(connB.sobject('Account').retrieve(created.id!));
  expect(err).toMatchObject({ errorCode: 'NOT_FOUND' });
});
