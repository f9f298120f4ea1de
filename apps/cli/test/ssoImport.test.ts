import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runOrgkit } from './helpers/runOrgkit.js';

const METADATA = fileURLToPath(new URL('../../../packages/sso/test/fixtures/idp-metadata/', import.meta.url));
const OUT = path.join('force-app', 'main', 'default', 'samlssoconfigs');

let project: { dir: string; cleanup: () => Promise<void> };
const orgkit = (args: string[]) => runOrgkit(args, { cwd: project.dir });

beforeAll(async () => {
  project = await makeProject({});
});
afterAll(async () => {
  await project.cleanup();
});

describe('orgkit sso import', () => {
  it('writes the SamlSsoConfig into force-app, prints the chosen certificate and the URLs for the IdP admin, and exits 0', async () => {
    const run = await orgkit(['sso', 'import', '--metadata-file', path.join(METADATA, 'entra-id.xml'), '--name', 'Entra ID', '--my-domain', 'acme', '--org-id', '00D5g000001AbCdEAF']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // prettier's layout puts a long element's `>` on the next line; compare the values.
    const xml = (await readFile(path.join(project.dir, OUT, 'Entra_ID.samlssoconfig-meta.xml'), 'utf8')).replace(/\n\s*>/g, '>');
    expect(xml).toContain('<issuer>https://sts.windows.net/8f3c2a71-5d4e-4b6a-9c1f-2e7d0b9a6c54/</issuer>');
    expect(xml).toContain('<samlEntityId>https://acme.my.salesforce.com</samlEntityId>');
    expect(run.stdout).toContain(`Wrote ${path.join(OUT, 'Entra_ID.samlssoconfig-meta.xml')}`);
    expect(run.stdout).toMatch(/CN=Microsoft Azure Federated SSO Certificate, valid until 2046-06-01 \(\d+ days left\)/);
    expect(run.stdout).toContain('chosen: the latest expiry of the 2 signing certificates valid today');
    expect(run.stdout).toContain('https://acme.my.salesforce.com?so=00D5g000001AbCd');
    expect(run.stdout).toContain('https://acme.my.salesforce.com/services/auth/sp/saml2/logout');
    expect(run.stdout).toContain('https://acme.my.salesforce.com/services/oauth2/token?so=00D5g000001AbCd');
  });

  it('writes a file `orgkit check` accepts', async () => {
    await orgkit(['sso', 'import', '--metadata-file', path.join(METADATA, 'keycloak.xml'), '--name', 'Keycloak', '--attribute', 'email', '--identity', 'username']);
    const run = await orgkit(['check', '--checks', 'metadata-schema,format,sdr']);
    expect(run.stdout).toContain('0 errors');
    expect(run.code).toBe(0);
  });

  it('gives --json the sf envelope with the file, the certificate and the URLs', async () => {
    const run = await orgkit(['sso', 'import', '--metadata-file', path.join(METADATA, 'ping.xml'), '--name', 'Ping', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { status: number; result: { file: string; fields: { redirectBinding: boolean }; spUrls: { acsUrl: string } }; warnings: string[] };
    expect(out.status).toBe(0);
    expect(out.result.file).toBe(path.join(OUT, 'Ping.samlssoconfig-meta.xml'));
    expect(out.result.fields.redirectBinding).toBe(true);
    expect(out.result.spUrls.acsUrl).toBe('https://<MyDomain>.my.salesforce.com?so=<OrgId>');
    expect(out.warnings.join(' ')).toContain('placeholder');
  });

  it.each([
    [['--metadata-file', path.join(METADATA, 'error-entity-bomb.xml')], 'METADATA_DOCTYPE', 'DOCTYPE'],
    [['--metadata-file', path.join(METADATA, 'error-all-expired.xml')], 'CERTS_EXPIRED', 'expired 2020-01-01'],
    [['--metadata-url', 'http://127.0.0.1:9/metadata'], 'METADATA_URL_INSECURE', '--allow-http'],
    [[], 'INVALID_OPTIONS', 'exactly one of --metadata-file'],
  ])('refuses bad input %j with exit 2, a message and no stack trace', async (args, code, message) => {
    const before = await readdir(path.join(project.dir, OUT)).catch(() => []);
    const run = await orgkit(['sso', 'import', '--name', 'Bad', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Error (${code}): `);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(path.join(project.dir, OUT)).catch(() => [])).toEqual(before);
  });

  it('exits 2 on a usage error (both metadata flags)', async () => {
    const run = await orgkit(['sso', 'import', '--name', 'X', '--metadata-file', 'a.xml', '--metadata-url', 'https://idp.example/m']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot be used with');
  });
});
