import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSsoCheck, SsoCheckError } from '../src/index.js';
import { idpCertificate, sourceWithConfigs } from './fixtures/check/checkFixtures.js';

const codesOf = (result: Awaited<ReturnType<typeof runSsoCheck>>, check = 'certificates') =>
  result.findings.filter((f) => f.check === check).map((f) => [f.subject, f.severity, f.code]);

describe('sso check: IdP certificates in the source', () => {
  it('errors on an expired certificate, warns inside --warn-days and reports the days left of a good one', async () => {
    const sourceDir = await sourceWithConfigs({ Entra: idpCertificate(-3), Okta: idpCertificate(12), Ping: idpCertificate(200) });
    const result = await runSsoCheck({ sourceDir, warnDays: 30 });
    expect(codesOf(result)).toEqual([
      ['Entra', 'error', 'CERT_EXPIRED'],
      ['Okta', 'warning', 'CERT_EXPIRING'],
      ['Ping', 'info', 'CERT_OK'],
    ]);
    expect(result.certificates.map((c) => [c.config, c.daysLeft])).toEqual([['Entra', -3], ['Okta', 12], ['Ping', 200]]);
    expect(result.findings.find((f) => f.code === 'CERT_EXPIRING')!.message).toContain('expires in 12 day(s)');
    expect(result).toMatchObject({ errors: 1, warnings: 1 });
  });

  it('moves the warning line with --warn-days', async () => {
    const sourceDir = await sourceWithConfigs({ Okta: idpCertificate(12) });
    expect(codesOf(await runSsoCheck({ sourceDir, warnDays: 10 }))).toEqual([['Okta', 'info', 'CERT_OK']]);
    expect(codesOf(await runSsoCheck({ sourceDir, warnDays: 12 }))).toEqual([['Okta', 'warning', 'CERT_EXPIRING']]);
  });

  it('errors on a config without a certificate or with one that is not base64 DER', async () => {
    const sourceDir = await sourceWithConfigs({ NoCert: null, Garbage: 'bm90IGEgY2VydGlmaWNhdGU=' });
    expect(codesOf(await runSsoCheck({ sourceDir }))).toEqual([
      ['Garbage', 'error', 'CERT_UNREADABLE'],
      ['NoCert', 'error', 'CERT_MISSING'],
    ]);
  });

  it('checks only the source without an org and says which checks it skipped', async () => {
    const sourceDir = await sourceWithConfigs({ Ping: idpCertificate(200) });
    const result = await runSsoCheck({ sourceDir });
    expect(result).toMatchObject({ errors: 0, warnings: 0 });
    expect(result.findings.filter((f) => f.code === 'CHECK_SKIPPED').map((f) => f.check)).toEqual(['federation-ids', 'lockout']);
  });

  it('refuses a missing source folder, malformed XML and --idp-users without an org, with what to do', async () => {
    await expect(runSsoCheck({ sourceDir: '/nonexistent/force-app' })).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    const sourceDir = await sourceWithConfigs({});
    await writeFile(path.join(sourceDir, 'main', 'default', 'samlssoconfigs', 'Bad.samlssoconfig-meta.xml'), '<SamlSsoConfig><name>x</SamlSsoConfig>');
    const malformed = await runSsoCheck({ sourceDir }).catch((err: unknown) => err);
    expect(malformed).toBeInstanceOf(SsoCheckError);
    expect(malformed).toMatchObject({ code: 'SSO_CONFIG_INVALID', message: expect.stringContaining('Bad.samlssoconfig-meta.xml:1') });
    await expect(runSsoCheck({ sourceDir: await sourceWithConfigs({}), idpUsersFile: 'users.csv' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('reads enableCaseInsensitiveFederationID from the source Security settings', async () => {
    const settings = `<?xml version="1.0" encoding="UTF-8"?>
<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <singleSignOnSettings>
        <enableCaseInsensitiveFederationID>true</enableCaseInsensitiveFederationID>
        <enableSamlLogin>true</enableSamlLogin>
    </singleSignOnSettings>
</SecuritySettings>
`;
    const withSetting = await sourceWithConfigs({}, { 'settings/Security.settings-meta.xml': settings });
    expect((await runSsoCheck({ sourceDir: withSetting })).caseInsensitiveFederationIds).toBe(true);
    expect((await runSsoCheck({ sourceDir: await sourceWithConfigs({}) })).caseInsensitiveFederationIds).toBe(false);
  });
});
