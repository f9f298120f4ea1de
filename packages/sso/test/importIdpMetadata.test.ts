import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIdpMetadata, SsoImportError } from '../src/index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/idp-metadata/${name}`, import.meta.url), 'utf8');
const read = (name: string, options = {}) => readIdpMetadata(fixture(name), name, options);

function importError(name: string, options = {}): SsoImportError {
  try {
    read(name, options);
  } catch (err) {
    if (err instanceof SsoImportError) return err;
    throw err;
  }
  throw new Error(`${name} imported without an error`);
}

describe('IdP metadata as vendors publish it', () => {
  it.each([
    // vendor file, issuer, login URL, redirect binding, logout URL, certificate subject, notAfter
    ['okta.xml', 'http://www.okta.com/exk9orgkit1a2b3c4d5', 'https://orgkit.okta.com/app/orgkitdev_salesforce_1/exk9orgkit1a2b3c4d5/sso/saml', false, undefined, 'CN=orgkit-test.okta.example', '2045-01-01'],
    ['entra-id.xml', 'https://sts.windows.net/8f3c2a71-5d4e-4b6a-9c1f-2e7d0b9a6c54/', 'https://login.microsoftonline.com/8f3c2a71-5d4e-4b6a-9c1f-2e7d0b9a6c54/saml2', false, 'https://login.microsoftonline.com/8f3c2a71-5d4e-4b6a-9c1f-2e7d0b9a6c54/saml2', 'CN=Microsoft Azure Federated SSO Certificate', '2046-06-01'],
    ['adfs.xml', 'http://adfs.orgkit.example/adfs/services/trust', 'https://adfs.orgkit.example/adfs/ls/', false, 'https://adfs.orgkit.example/adfs/ls/', 'CN=ADFS Signing - adfs.orgkit.example', '2043-01-01'],
    ['ping.xml', 'https://ping.orgkit.example/idp', 'https://ping.orgkit.example/idp/SSO.saml2', true, 'https://ping.orgkit.example/idp/SLO.saml2', 'CN=ping.orgkit.example', '2044-01-01'],
    ['keycloak.xml', 'https://keycloak.orgkit.example/realms/orgkit', 'https://keycloak.orgkit.example/realms/orgkit/protocol/saml', false, 'https://keycloak.orgkit.example/realms/orgkit/protocol/saml', 'CN=orgkit', '2042-01-01'],
    ['google-workspace.xml', 'https://accounts.google.com/o/saml2?idpid=C03orgkit9', 'https://accounts.google.com/o/saml2/idp?idpid=C03orgkit9', false, undefined, 'CN=Google', '2040-06-01'],
    ['shibboleth.xml', 'https://idp.orgkit.example/idp/shibboleth', 'https://idp.orgkit.example/idp/profile/SAML2/POST/SSO', false, 'https://idp.orgkit.example/idp/profile/SAML2/Redirect/SLO', 'CN=idp.orgkit.example', '2045-06-01'],
  ])('%s → issuer, login/logout URLs, binding and signing certificate', (file, issuer, loginUrl, redirectBinding, logoutUrl, subject, notAfter) => {
    const idp = read(file);
    expect(idp.entityId).toBe(issuer);
    expect(idp.loginUrl).toBe(loginUrl);
    expect(idp.redirectBinding).toBe(redirectBinding);
    expect(idp.logoutUrl).toBe(logoutUrl);
    expect(idp.certificate.chosen.subject).toBe(subject);
    expect(idp.certificate.chosen.notAfter.toISOString().slice(0, 10)).toBe(notAfter);
    // Base64 DER without armour or whitespace, as <validationCert> needs it.
    expect(idp.certificate.chosen.base64).toMatch(/^MII[A-Za-z0-9+/]+=*$/);
  });

  it('ignores the encryption certificate ADFS lists beside the signing one, though it expires later', () => {
    const idp = read('adfs.xml');
    expect(idp.certificate.candidates.map((c) => c.subject)).toEqual(['CN=ADFS Signing - adfs.orgkit.example']);
  });

  it("ignores Entra ID's metadata signature and RoleDescriptor keys: only the IDPSSODescriptor's certificates count", () => {
    const idp = read('entra-id.xml');
    expect(idp.certificate.candidates.map((c) => c.subject)).not.toContain('CN=next.idp.example');
  });

  it('picks an IdP out of a federation aggregate by --idp-entity', () => {
    const idp = read('federation-two-idps.xml', { idpEntity: 'https://idp-b.orgkit.example/idp' });
    expect(idp.entityId).toBe('https://idp-b.orgkit.example/idp');
    expect(idp.loginUrl).toBe('https://idp-b.orgkit.example/sso');
    expect(idp.redirectBinding).toBe(true);
  });
});

describe('certificate rollover', () => {
  it('of two valid certificates takes the one that expires last and says why', () => {
    const { chosen, reason } = read('entra-id.xml').certificate;
    expect(chosen.notAfter.toISOString().slice(0, 10)).toBe('2046-06-01');
    expect(reason).toContain('latest expiry of the 2 signing certificates valid today');
    expect(reason).toContain('expires earlier, 2041-01-01');
  });

  it('skips an expired certificate and names its expiry', () => {
    const { chosen, reason } = read('entra-id-rollover-expired.xml').certificate;
    expect(chosen.notAfter.toISOString().slice(0, 10)).toBe('2041-01-01');
    expect(reason).toContain('expired 2021-01-01');
  });

  it('skips a published next certificate that is not valid yet, though it expires later', () => {
    const { chosen, reason } = read('entra-id-rollover-not-yet-valid.xml').certificate;
    expect(chosen.notAfter.toISOString().slice(0, 10)).toBe('2041-01-01');
    expect(reason).toContain('CN=next.idp.example not valid until 2035-01-01');
  });

  it('switches to the next certificate once it is valid', () => {
    const { chosen } = read('entra-id-rollover-not-yet-valid.xml', { now: new Date('2036-01-01T00:00:00Z') }).certificate;
    expect(chosen.subject).toBe('CN=next.idp.example');
  });
});

describe('metadata orgkit refuses, with a message that says what to do', () => {
  it.each([
    ['error-malformed.xml', 'METADATA_MALFORMED', /not well-formed XML.*Download it again/],
    ['error-entity-bomb.xml', 'METADATA_DOCTYPE', /DOCTYPE.*entity-expansion.*external-entity \(XXE\)/],
    ['error-sp-only.xml', 'NO_IDP_DESCRIPTOR', /no <IDPSSODescriptor> found/],
    ['error-no-signing-cert.xml', 'NO_SIGNING_CERT', /lists no signing certificate/],
    ['error-saml11-only.xml', 'SAML2_NOT_SUPPORTED', /supports only urn:oasis:names:tc:SAML:1\.1:protocol.*not SAML 2\.0/],
    ['error-all-expired.xml', 'CERTS_EXPIRED', /expired 2020-01-01; CN=old\.idp\.example expired 2023-03-01/],
    ['federation-two-idps.xml', 'MULTIPLE_IDPS', /https:\/\/idp-a\.orgkit\.example\/idp, https:\/\/idp-b\.orgkit\.example\/idp\. Choose one with --idp-entity/],
  ])('%s → %s', (file, code, message) => {
    const err = importError(file);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it('does not expand the entity bomb: the refusal comes before any entity is read', () => {
    const err = importError('error-entity-bomb.xml');
    expect(err.message).not.toContain('lollol');
    expect(err.message).not.toContain('root:');
  });

  it('names the IdPs it has when --idp-entity matches none', () => {
    const err = importError('federation-two-idps.xml', { idpEntity: 'https://nope.example' });
    expect(err.code).toBe('IDP_ENTITY_NOT_FOUND');
    expect(err.message).toContain('https://idp-a.orgkit.example/idp');
  });

  it('refuses an HTML page served in place of the metadata', () => {
    const err = (() => {
      try {
        readIdpMetadata('<html><body>Sign in</body></html>', 'login.html');
      } catch (e) {
        return e as SsoImportError;
      }
      throw new Error('no error');
    })();
    expect(err.code).toBe('NOT_SAML_METADATA');
  });
});
