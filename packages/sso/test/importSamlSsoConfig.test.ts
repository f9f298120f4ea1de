import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from '@orgkit/checks';
import { describe, expect, it } from 'vitest';
import { developerNameFor, importSamlSsoConfig, PLACEHOLDER_SP_ENTITY_ID, SsoImportError, type ImportSamlSsoConfigOptions } from '../src/index.js';
import { tempDir } from './fixtures/tempDir.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/idp-metadata/${name}`, import.meta.url));
const PRETTIERRC = fileURLToPath(new URL('../../../.prettierrc', import.meta.url));
const VENDORS = ['okta.xml', 'entra-id.xml', 'adfs.xml', 'ping.xml', 'keycloak.xml', 'google-workspace.xml', 'shibboleth.xml'];

/** A throwaway SFDX project, formatted by the repo's prettier settings, to run `orgkit check` on. */
async function project(): Promise<{ dir: string; outDir: string }> {
  const dir = await tempDir('orgkit-sso-import');
  await writeFile(path.join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' }));
  await copyFile(PRETTIERRC, path.join(dir, '.prettierrc'));
  const outDir = path.join(dir, 'force-app', 'main', 'default', 'samlssoconfigs');
  await mkdir(outDir, { recursive: true });
  return { dir, outDir };
}

async function importInto(outDir: string, options: Partial<ImportSamlSsoConfigOptions> & { metadataFile?: string }) {
  return importSamlSsoConfig({ name: 'Okta', outDir, metadataFile: fixture('okta.xml'), ...options });
}

describe('the SamlSsoConfig file', () => {
  it("passes orgkit check's metadata-schema and format checks for every vendor, with every identity option", async () => {
    const { dir, outDir } = await project();
    for (const [i, vendor] of VENDORS.entries()) {
      await importInto(outDir, { metadataFile: fixture(vendor), name: `IdP ${vendor}`, identity: (['federation-id', 'username', 'user-id'] as const)[i % 3], ...(i % 2 ? { attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name?a=1&b=2' } : {}) });
    }
    const report = await runChecks({ projectDir: dir, sourceDir: path.join(dir, 'force-app'), only: ['metadata-schema', 'format'] });
    expect(report.findings).toEqual([]);
    expect(report.checks.map((c) => c.status)).toEqual(['passed', 'passed']);
  }, 60_000);

  it('is caught by the schema check if it held an element Salesforce does not know (the check is real)', async () => {
    const { dir, outDir } = await project();
    const { file } = await importInto(outDir, {});
    await writeFile(file, (await readFile(file, 'utf8')).replace('<samlVersion>', '<samlVersionTypo>SAML2_0</samlVersionTypo>\n    <samlVersion>'));
    const report = await runChecks({ projectDir: dir, sourceDir: path.join(dir, 'force-app'), only: ['metadata-schema'] });
    expect(report.findings.map((f) => f.message).join('\n')).toContain('samlVersionTypo');
  }, 60_000);

  it('holds the IdP values and the defaults: Federation ID in the Subject NameID, SAML 2.0, POST binding', async () => {
    const { outDir } = await project();
    const { file } = await importInto(outDir, { myDomain: 'acme' });
    const xml = await readFile(file, 'utf8');
    expect(path.basename(file)).toBe('Okta.samlssoconfig-meta.xml');
    expect(xml).toContain('<name>Okta</name>');
    expect(xml).toContain('<issuer>http://www.okta.com/exk9orgkit1a2b3c4d5</issuer>');
    expect(xml).toContain('<identityLocation>SubjectNameId</identityLocation>');
    expect(xml).toContain('<identityMapping>FederationId</identityMapping>');
    expect(xml).toContain('<redirectBinding>false</redirectBinding>');
    expect(xml).toContain('<samlEntityId>https://acme.my.salesforce.com</samlEntityId>');
    expect(xml).toContain('<samlVersion>SAML2_0</samlVersion>');
    expect(xml).not.toContain('attributeName');
  });

  it('never writes org-bound values', async () => {
    const { outDir } = await project();
    const xml = await readFile((await importInto(outDir, { myDomain: 'acme', orgId: '00D5g000001AbCdEAF' })).file, 'utf8');
    for (const tag of ['requestSigningCertId', 'salesforceLoginUrl', 'oauthTokenEndpoint', 'executionUserId', 'samlJitHandlerId', '00D5g']) expect(xml).not.toContain(tag);
  });

  it('reads the identity from an attribute with --attribute, and maps Username or UserId with --identity', async () => {
    const { outDir } = await project();
    const xml = await readFile((await importInto(outDir, { identity: 'username', attribute: 'email' })).file, 'utf8');
    expect(xml).toContain('<attributeName>email</attributeName>');
    expect(xml).toContain('<identityLocation>Attribute</identityLocation>');
    expect(xml).toContain('<identityMapping>Username</identityMapping>');
    const userId = await readFile((await importInto(outDir, { identity: 'user-id' })).file, 'utf8');
    expect(userId).toContain('<identityMapping>UserId</identityMapping>');
  });

  it('writes redirectBinding true for an IdP without an HTTP-POST endpoint', async () => {
    const { outDir } = await project();
    const { fields } = await importInto(outDir, { metadataFile: fixture('ping.xml'), name: 'Ping' });
    expect(fields.redirectBinding).toBe(true);
    expect(await readFile(path.join(outDir, 'Ping.samlssoconfig-meta.xml'), 'utf8')).toContain('<redirectBinding>true</redirectBinding>');
  });

  it('writes a placeholder entity id without --entity-id/--my-domain, and warns', async () => {
    const { outDir } = await project();
    const result = await importInto(outDir, {});
    expect(result.fields.samlEntityId).toBe(PLACEHOLDER_SP_ENTITY_ID);
    expect(result.warnings.join(' ')).toMatch(/placeholder.*--my-domain.*Audience Invalid/);
    const explicit = await importInto(outDir, { entityId: 'https://saml.salesforce.com' });
    expect(explicit.fields.samlEntityId).toBe('https://saml.salesforce.com');
    expect(explicit.warnings).toEqual([]);
    expect(explicit.replaced).toBe(true);
  });
});

describe('the URLs for the IdP admin', () => {
  it('are placeholders without --my-domain/--org-id', async () => {
    const { outDir } = await project();
    const { spUrls } = await importInto(outDir, {});
    expect(spUrls).toMatchObject({
      acsUrl: 'https://<MyDomain>.my.salesforce.com?so=<OrgId>',
      logoutUrl: 'https://<MyDomain>.my.salesforce.com/services/auth/sp/saml2/logout',
      oauthTokenEndpoint: 'https://<MyDomain>.my.salesforce.com/services/oauth2/token?so=<OrgId>',
      placeholders: true,
    });
  });

  it('are the real ones with --my-domain and --org-id (15-character org id in ?so=)', async () => {
    const { outDir } = await project();
    const { spUrls } = await importInto(outDir, { myDomain: 'acme--dev.sandbox.my.salesforce.com', orgId: '00D5g000001AbCdEAF' });
    expect(spUrls).toEqual({
      entityId: 'https://acme--dev.sandbox.my.salesforce.com',
      acsUrl: 'https://acme--dev.sandbox.my.salesforce.com?so=00D5g000001AbCd',
      logoutUrl: 'https://acme--dev.sandbox.my.salesforce.com/services/auth/sp/saml2/logout',
      oauthTokenEndpoint: 'https://acme--dev.sandbox.my.salesforce.com/services/oauth2/token?so=00D5g000001AbCd',
      placeholders: false,
    });
  });
});

describe('names and options', () => {
  it.each([
    ['Okta', 'Okta'],
    ['Entra ID (prod)', 'Entra_ID_prod'],
    ['  Société Générale SSO ', 'Societe_Generale_SSO'],
    ['2024 ADFS', 'X2024_ADFS'],
    ['a--b__c', 'a_b_c'],
  ])('label %j → API name %s', (label, name) => {
    expect(developerNameFor(label)).toBe(name);
  });

  it.each([
    [{ name: '!!!' }, /no letters or digits/],
    [{ metadataFile: undefined }, /exactly one of --metadata-file/],
    [{ metadataUrl: 'https://idp.example/metadata' }, /exactly one of --metadata-file/],
    [{ orgId: '12345' }, /not an org id/],
    [{ metadataFile: '/no/such/file.xml' }, /Cannot read \/no\/such\/file\.xml \(ENOENT\)/],
  ])('refuses %j', async (options, message) => {
    const { outDir } = await project();
    const err = await importInto(outDir, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SsoImportError);
    expect((err as SsoImportError).message).toMatch(message);
  });
});
