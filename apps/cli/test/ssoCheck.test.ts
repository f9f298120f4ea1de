import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockOrgs, type MockOrg, type MockOrgs } from '@orgkit/mock-org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrgkit } from './helpers/runOrgkit.js';

const FIXTURES = fileURLToPath(new URL('../../../packages/sso/test/fixtures/check/', import.meta.url));
/** The mock org's schema lacks PermissionsIsSsoEnabled; this source folder adds it to PermissionSet and Profile. */
const VALID_UNTIL_2040 = path.join(FIXTURES, 'cli-source-valid-until-2040');
const EXPIRED_2021 = path.join(FIXTURES, 'cli-source-expired-2021');

/** No login from the developer's environment leaks into a run. */
const NO_LOGIN_ENV = Object.fromEntries(['LOGIN_URL', 'CLIENT_ID', 'USERNAME', 'JWT_KEY_FILE', 'CLIENT_SECRET', 'INSTANCE_URL', 'ACCESS_TOKEN'].map((k) => [`ORGKIT_${k}`, '']));

interface CheckJson {
  status: number;
  result: { errors: number; warnings: number; findings: { check: string; severity: string; code: string; subject: string }[] };
}

let mock: MockOrgs;
let dir: string;

/** A session the org issued to its admin (the login flows are org-auth's tests' business). */
const adminToken = (org: MockOrg): string => org.state.sessions.issue(org.users.admin.id, org.connectedApp.clientId, { withRefreshToken: false }).accessToken;
const login = (org: MockOrg): string[] => ['--instance-url', org.instanceUrl, '--access-token', adminToken(org)];
const ssoCheck = (args: string[]) => runOrgkit(['sso', 'check', ...args], { cwd: dir, env: NO_LOGIN_ENV });

/** IsSsoEnabled for the given users through a permission set, over REST as an admin would. */
async function enableSso(org: MockOrg, userIds: string[]): Promise<void> {
  const headers = { authorization: `Bearer ${adminToken(org)}`, 'content-type': 'application/json' };
  const post = async (object: string, body: object): Promise<string> => {
    const res = await fetch(`${org.instanceUrl}/services/data/v65.0/sobjects/${object}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`${object} not created: ${JSON.stringify(json)}`);
    return json.id;
  };
  const permissionSetId = await post('PermissionSet', { Name: 'SSO_Users', Label: 'SSO Users', PermissionsIsSsoEnabled: true });
  for (const id of userIds) await post('PermissionSetAssignment', { AssigneeId: id, PermissionSetId: permissionSetId });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-sso-check-cli-'));
  mock = await startMockOrgs({
    sourceDir: null,
    orgs: [
      { name: 'Clean', users: [{ username: 'ann@clean.test', lastName: 'Ann', federationIdentifier: 'ann@idp.test' }] },
      { name: 'Locked', users: [{ username: 'blank@locked.test', lastName: 'Blank' }] },
    ],
  });
  const clean = mock.org('Clean');
  await enableSso(clean, [clean.users.others[0]!.id]);
  const locked = mock.org('Locked');
  await enableSso(locked, [locked.users.admin.id, locked.users.others[0]!.id]);
  await writeFile(path.join(dir, 'idp-users.csv'), 'email\nann@idp.test\n');
});
afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('orgkit sso check', () => {
  it('exits 0 for a clean org and source, with a table per check', async () => {
    const run = await ssoCheck(['--source', VALID_UNTIL_2040, '--idp-users', 'idp-users.csv', ...login(mock.org('Clean'))]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/IdP certificates\n {2}ok +Okta +The IdP signing certificate is valid for \d+ more days \(until 2040-01-01\)/);
    expect(run.stdout).toContain('admin@org-clean.mock');
    expect(run.stdout).toContain('0 errors, 0 warnings');
  });

  it('exits 1 on warnings only: a certificate inside --warn-days, without an org (whose checks it lists as skipped)', async () => {
    const run = await ssoCheck(['--source', VALID_UNTIL_2040, '--warn-days', '100000']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/warning +Okta +The IdP signing certificate expires in \d+ day\(s\), on 2040-01-01/);
    expect(run.stdout).toMatch(/Lockout \(break-glass admin\)\n {2}skipped/);
    expect(run.stdout).toContain('0 errors, 1 warning');
  });

  it('exits 2 with --json on an expired certificate, a blank Federation ID and every admin SSO-enabled', async () => {
    const run = await ssoCheck(['--source', EXPIRED_2021, '--json', ...login(mock.org('Locked'))]);
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout) as CheckJson;
    expect(out.status).toBe(2);
    const errors = out.result.findings.filter((f) => f.severity === 'error').map((f) => [f.check, f.code, f.subject]);
    expect(errors).toEqual([
      ['certificates', 'CERT_EXPIRED', 'Legacy_ADFS'],
      ['federation-ids', 'FEDERATION_ID_BLANK', 'admin@org-locked.mock'],
      ['federation-ids', 'FEDERATION_ID_BLANK', 'blank@locked.test'],
      ['lockout', 'NO_BREAK_GLASS_ADMIN', '1 admin(s), all SSO-enabled'],
    ]);
    expect(out.result.errors).toBe(4);
  });

  it('exits 2 when it cannot run: --idp-users without a login, a bad --warn-days', async () => {
    const noOrg = await ssoCheck(['--source', VALID_UNTIL_2040, '--idp-users', 'idp-users.csv', '--json']);
    expect(noOrg.code).toBe(2);
    expect(JSON.parse(noOrg.stdout)).toMatchObject({ status: 2, code: 'INVALID_OPTIONS' });
    const badDays = await ssoCheck(['--source', VALID_UNTIL_2040, '--warn-days', 'soon']);
    expect(badDays.code).toBe(2);
    expect(badDays.stderr).toContain('give a whole number of days');
  });
});
