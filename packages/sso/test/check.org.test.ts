import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startMockOrgs, type MockOrg, type MockOrgs } from '@orgkit/mock-org';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBreakGlassAdmin, runSsoCheck, type SsoCheckResult } from '../src/index.js';
import { idpCertificate, sourceWithConfigs } from './fixtures/check/checkFixtures.js';
import { adminConnection, enableSsoFor, enableSsoForProfile, userId } from './fixtures/check/ssoOrg.js';
import { tempDir } from './fixtures/tempDir.js';

let mock: MockOrgs;
let mistakes: { org: MockOrg; conn: Connection };
let clean: { org: MockOrg; conn: Connection };
let sourceDir: string;
let dir: string;

const csv = async (name: string, text: string): Promise<string> => {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
};
const rows = (result: SsoCheckResult, check: string) =>
  result.findings.filter((f) => f.check === check && f.code !== 'CHECK_SKIPPED').map((f) => [f.severity, f.code, f.subject]);

beforeAll(async () => {
  dir = await tempDir('orgkit-sso-org');
  sourceDir = await sourceWithConfigs({ Okta: idpCertificate(300) });
  mock = await startMockOrgs({
    sourceDir: null,
    orgs: [
      {
        name: 'Mistakes',
        users: [
          { username: 'blank@mistakes.test', lastName: 'Blank' },
          { username: 'shared1@mistakes.test', lastName: 'Shared One', federationIdentifier: 'shared@idp.test' },
          { username: 'shared2@mistakes.test', lastName: 'Shared Two', federationIdentifier: 'shared@idp.test' },
          { username: 'carol@mistakes.test', lastName: 'Carol', federationIdentifier: 'carol@idp.test' },
          { username: 'carol.upper@mistakes.test', lastName: 'Carol Upper', federationIdentifier: 'Carol@idp.test' },
          { username: 'gone@mistakes.test', lastName: 'Gone', federationIdentifier: 'gone@idp.test' },
          { username: 'ok@mistakes.test', lastName: 'Ok', federationIdentifier: 'ok@idp.test' },
          { username: 'inactive@mistakes.test', lastName: 'Inactive', isActive: false },
          { username: 'admin2@mistakes.test', lastName: 'Second Admin', profile: 'System Administrator', federationIdentifier: 'admin2@idp.test' },
        ],
      },
      {
        name: 'Clean',
        users: [
          { username: 'ann@clean.test', lastName: 'Ann', federationIdentifier: 'ann@idp.test' },
          { username: 'bob@clean.test', lastName: 'Bob', federationIdentifier: 'Bob@idp.test' },
          { username: 'sso.admin@clean.test', lastName: 'SSO Admin', profile: 'System Administrator', federationIdentifier: 'sso.admin@idp.test' },
        ],
      },
    ],
  });
  const m = mock.org('Mistakes');
  mistakes = { org: m, conn: adminConnection(m) };
  // Every admin is SSO-enabled: the lockout mistake.
  await enableSsoFor(mistakes.conn, [
    m.users.admin.id,
    ...['blank', 'shared1', 'shared2', 'carol', 'carol.upper', 'gone', 'ok', 'inactive', 'admin2'].map((u) => userId(m, `${u}@mistakes.test`)),
  ]);
  const c = mock.org('Clean');
  clean = { org: c, conn: adminConnection(c) };
  // SSO through the profile for the standard users and a permission set for one admin; the org's own admin keeps a password.
  await enableSsoForProfile(clean.conn, 'Standard User');
  await enableSsoFor(clean.conn, [userId(c, 'sso.admin@clean.test')]);
});
afterAll(async () => {
  await mock?.close();
});

describe('sso check against an org', () => {
  it('checks the certificates of the configs deployed in the org as well as the source', async () => {
    mistakes.org.saml.register({ name: 'Old_IdP', issuer: 'https://old-idp.test', samlEntityId: 'https://mistakes.my.salesforce.test', redirectBinding: false, identityMapping: 'FederationId', identityLocation: 'SubjectNameId', validationCert: idpCertificate(-10) });
    const result = await runSsoCheck({ sourceDir, conn: mistakes.conn });
    expect(rows(result, 'certificates')).toEqual([
      ['info', 'CERT_OK', 'Okta'],
      ['error', 'CERT_EXPIRED', 'Old_IdP (deployed)'],
    ]);
  });

  it('finds blank and duplicate Federation IDs among active SSO users, and the case-only pair as a warning', async () => {
    const result = await runSsoCheck({ sourceDir, conn: mistakes.conn });
    expect(rows(result, 'federation-ids')).toEqual([
      ['error', 'FEDERATION_ID_BLANK', 'admin@org-mistakes.mock'],
      ['error', 'FEDERATION_ID_BLANK', 'blank@mistakes.test'],
      ['warning', 'FEDERATION_ID_CASE_DUPLICATE', 'Carol@idp.test / carol@idp.test'],
      ['error', 'FEDERATION_ID_DUPLICATE', 'shared@idp.test'],
    ]);
    expect(result.findings.find((f) => f.code === 'FEDERATION_ID_DUPLICATE')!.message).toContain('shared1@mistakes.test (shared@idp.test), shared2@mistakes.test (shared@idp.test)');
    expect(JSON.stringify(result.findings)).not.toContain('inactive@mistakes.test');
  });

  it('treats the case-only pair as duplicates when the org matches Federation IDs case-insensitively', async () => {
    const result = await runSsoCheck({ sourceDir, conn: mistakes.conn, caseInsensitiveFederationIds: true });
    expect(rows(result, 'federation-ids')).toContainEqual(['error', 'FEDERATION_ID_DUPLICATE', 'Carol@idp.test / carol@idp.test']);
    expect(result.caseInsensitiveFederationIds).toBe(true);
  });

  it('compares with the IdP export: an SSO user missing there is an error, an IdP user with no match a warning', async () => {
    const idpUsersFile = await csv('okta-users.csv', '\ufeffLogin,Email,Display Name\r\nshared,shared@idp.test,Shared\r\ncarol,carol@idp.test,Carol\r\ncarol2,Carol@idp.test,Carol U\r\nok,ok@idp.test,Ok\r\nadmin2,admin2@idp.test,Admin 2\r\nextra,extra@idp.test,"Extra, Person"\r\n');
    const result = await runSsoCheck({ sourceDir, conn: mistakes.conn, idpUsersFile });
    expect(result.idpUsers).toEqual({ file: idpUsersFile, column: 'Email', count: 6 });
    const idpRows = rows(result, 'federation-ids').filter(([, code]) => code === 'FEDERATION_ID_NOT_AT_IDP' || code === 'IDP_USER_NO_MATCH');
    expect(idpRows).toEqual([
      ['error', 'FEDERATION_ID_NOT_AT_IDP', 'gone@mistakes.test'],
      ['warning', 'IDP_USER_NO_MATCH', 'extra@idp.test'],
    ]);
  });

  it('prefers a federationId column and refuses an export without an identity column or that cannot be read', async () => {
    const both = await csv('both.csv', 'email,federationId\nx@mail.test,ok@idp.test\n');
    expect((await runSsoCheck({ sourceDir, conn: mistakes.conn, idpUsersFile: both })).idpUsers?.column).toBe('federationId');
    const none = await csv('none.csv', 'display name,department\nOk,Sales\n');
    await expect(runSsoCheck({ sourceDir, conn: mistakes.conn, idpUsersFile: none })).rejects.toMatchObject({
      code: 'IDP_USERS_NO_ID_COLUMN',
      message: expect.stringContaining('federationId, nameId, email or username'),
    });
    await expect(runSsoCheck({ sourceDir, conn: mistakes.conn, idpUsersFile: path.join(dir, 'absent.csv') })).rejects.toMatchObject({
      code: 'IDP_USERS_UNREADABLE',
      message: expect.stringContaining('(ENOENT)'),
    });
  });

  it('errors when every active System Administrator is SSO-enabled, and assertBreakGlassAdmin refuses', async () => {
    const result = await runSsoCheck({ sourceDir, conn: mistakes.conn });
    expect(rows(result, 'lockout')).toEqual([['error', 'NO_BREAK_GLASS_ADMIN', '2 admin(s), all SSO-enabled']]);
    await expect(assertBreakGlassAdmin(mistakes.conn)).rejects.toMatchObject({ name: 'SsoCheckError', code: 'NO_BREAK_GLASS_ADMIN', message: expect.stringContaining('Refusing to disable login with Salesforce credentials') });
  });

  it('passes a clean org: SSO users through profile and permission set all match the IdP, one admin keeps a password', async () => {
    const idpUsersFile = await csv('clean.csv', 'nameId\nann@idp.test\nBob@idp.test\nsso.admin@idp.test\n');
    const result = await runSsoCheck({ sourceDir, conn: clean.conn, idpUsersFile });
    expect(result).toMatchObject({ errors: 0, warnings: 0 });
    expect(rows(result, 'federation-ids')).toEqual([]);
    expect(rows(result, 'lockout')).toEqual([['info', 'BREAK_GLASS_ADMIN', 'admin@org-clean.mock']]);
    expect(await assertBreakGlassAdmin(clean.conn)).toEqual(['admin@org-clean.mock']);
  });

  it('matches the IdP case-sensitively by default: a Federation ID differing only in case is an error', async () => {
    const idpUsersFile = await csv('clean-lower.csv', 'username\nann@idp.test\nbob@idp.test\nsso.admin@idp.test\n');
    const result = await runSsoCheck({ sourceDir, conn: clean.conn, idpUsersFile });
    expect(rows(result, 'federation-ids')).toEqual([['error', 'FEDERATION_ID_CASE_MISMATCH', 'bob@clean.test']]);
    expect((await runSsoCheck({ sourceDir, conn: clean.conn, idpUsersFile, caseInsensitiveFederationIds: true })).errors).toBe(0);
  });
});
