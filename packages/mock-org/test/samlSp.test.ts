import * as samlify from 'samlify';
import * as xmllint from '@authenio/samlify-node-xmllint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKeyPair } from '../src/auth/certificate.js';
import { SamlSsoConfigError, startMockOrgs } from '../src/index.js';
import { createFormBrowser } from '../src/saml/formBrowser.js';
import { craftResponse, toBase64 } from './fixtures/saml-sp/craftResponse.js';
import { IDP_ISSUER, IDP_LOGIN_URL, SP_ENTITY_ID, authnRequestFromRedirect, derBase64, loginHistory, startSpOrg, type SpFixture } from './fixtures/saml-sp/spFixture.js';

// samlify validates every message it parses against the SAML XSDs; xmllint (WebAssembly) does it without Java.
samlify.setSchemaValidator(xmllint);

let fx: SpFixture;
beforeAll(async () => {
  fx = await startSpOrg();
});
afterAll(() => fx.close());

const acs = (): string => fx.org.saml.acsUrl();

async function queryAs(sid: string): Promise<{ status: number; totalSize?: number }> {
  const res = await fetch(`${fx.org.instanceUrl}/services/data/v65.0/query?q=${encodeURIComponent('SELECT Username FROM User WHERE IsActive = true')}`, { headers: { authorization: `Bearer ${sid}` } });
  return { status: res.status, ...((await res.json()) as { totalSize?: number }) };
}

describe('the login page', () => {
  it('offers each configured IdP as a labelled link, at / without a session and at /login', async () => {
    const browser = createFormBrowser(fx.org.instanceUrl);
    for (const path of ['/', '/login']) {
      const page = await browser.get(path);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<html lang="en">');
      expect(page.html).toMatch(/<a href="\/saml\/authn\?idp=TestIdp">Log in with TestIdp<\/a>/);
    }
  });
});

describe('with SAML Enabled off', () => {
  it('offers no IdP and refuses a valid response without a session, until it is on again', async () => {
    fx.org.saml.setEnabled(false);
    try {
      const browser = createFormBrowser(fx.org.instanceUrl);
      const login = await browser.get('/login');
      expect(login.html).toContain('SAML single sign-on is off in this org');
      expect(login.html).not.toContain('Log in with TestIdp');
      const response = craftResponse({ issuer: IDP_ISSUER, audience: SP_ENTITY_ID, recipient: acs(), nameId: 'vera@corp.example', key: fx.idpKey });
      const refused = await browser.post(acs(), { SAMLResponse: toBase64(response) });
      expect(refused.status).toBe(403);
      expect(refused.html).toContain('SAML Enabled in Setup');
      expect(browser.cookie('sid')).toBeUndefined();
    } finally {
      fx.org.saml.setEnabled(true);
    }
    expect((await createFormBrowser(fx.org.instanceUrl).get('/login')).html).toContain('Log in with TestIdp');
  });
});

describe('SP-initiated login (Redirect binding)', () => {
  it('sends an AuthnRequest to the IdP, accepts the answer, and the sid works for pages and REST', async () => {
    const browser = createFormBrowser(fx.org.instanceUrl);
    const toIdp = await browser.get('/saml/authn?idp=TestIdp&startURL=%2Fhome%3Ftab%3D1');
    expect(toIdp.status).toBe(302);
    expect(toIdp.location!.startsWith(`${IDP_LOGIN_URL}?`)).toBe(true);
    const request = authnRequestFromRedirect(toIdp.location!);
    expect(request.relayState).toBe('/home?tab=1');
    expect(request.xml).toContain(`<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${SP_ENTITY_ID}</saml:Issuer>`);
    expect(request.xml).toContain(`AssertionConsumerServiceURL="${acs()}"`);

    const response = craftResponse({ issuer: IDP_ISSUER, audience: SP_ENTITY_ID, recipient: acs(), nameId: 'vera@corp.example', inResponseTo: request.id, key: fx.idpKey });
    const back = await browser.post(acs(), { SAMLResponse: toBase64(response), RelayState: request.relayState! });
    expect(back.status).toBe(302);
    expect(back.location).toBe('/home?tab=1');
    const sidCookie = back.setCookie.find((c) => c.startsWith('sid='))!;
    expect(sidCookie).toMatch(/; HttpOnly/);
    expect(sidCookie).toMatch(/; SameSite=Lax/);
    expect(sidCookie).toMatch(/; Path=\//);

    const home = await browser.get('/home');
    expect(home.html).toContain('Logged in as <strong>Vera Victim</strong> (vera@corp.example)');
    expect((await browser.get('/')).location).toBe('/home');
    expect(await queryAs(browser.cookie('sid')!)).toMatchObject({ status: 200, totalSize: expect.any(Number) });

    const rows = await loginHistory(fx.org);
    const vera = fx.org.users.others.find((u) => u.username === 'vera@corp.example')!;
    expect(rows).toContainEqual(expect.objectContaining({ Status: 'Success', LoginType: 'SAML Sfdc Initiated SSO', UserId: vera.id }));
  });

  it('answers a request with an unknown InResponseTo with an error and no session', async () => {
    const browser = createFormBrowser(fx.org.instanceUrl);
    const response = craftResponse({ issuer: IDP_ISSUER, audience: SP_ENTITY_ID, recipient: acs(), nameId: 'vera@corp.example', inResponseTo: '_never-sent', key: fx.idpKey });
    const back = await browser.post(acs(), { SAMLResponse: toBase64(response) });
    expect(back.status).toBe(403);
    expect(back.html).toContain('Subject Confirmation Error');
    expect(back.setCookie).toEqual([]);
  });
});

describe('SP-initiated login (POST binding) with a config registered at runtime', () => {
  it('maps the identity from an attribute to a Username', async () => {
    const attrKey = createAppKeyPair('Attribute IdP');
    fx.org.saml.register({
      name: 'AttrIdp',
      issuer: 'https://attr-idp.example',
      loginUrl: 'https://attr-idp.example/sso',
      redirectBinding: false,
      samlEntityId: SP_ENTITY_ID,
      identityMapping: 'Username',
      identityLocation: 'Attribute',
      attributeName: 'sfUsername',
      validationCert: derBase64(attrKey.certificatePem),
    });
    const browser = createFormBrowser(fx.org.instanceUrl);
    expect((await browser.get('/login')).html).toContain('Log in with AttrIdp');
    const form = await browser.get('/saml/authn?idp=AttrIdp');
    expect(form.status).toBe(200);
    expect(form.html).toContain('action="https://attr-idp.example/sso"');
    expect(form.html).toContain("<button type=\"submit\">Continue to AttrIdp</button>");
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(form.html)![1]!;
    const requestId = /\bID="([^"]+)"/.exec(Buffer.from(samlRequest, 'base64').toString('utf8'))![1]!;

    const response = craftResponse({ issuer: 'https://attr-idp.example', audience: SP_ENTITY_ID, recipient: acs(), nameId: 'someone-else', attributes: { sfUsername: 'vera@corp.example' }, inResponseTo: requestId, key: attrKey, sign: 'response' });
    const back = await browser.post(acs(), { SAMLResponse: toBase64(response), RelayState: '/home' });
    expect(back.status).toBe(302);
    expect((await browser.get('/home')).html).toContain('Vera Victim');
  });

  it('refuses a config without a certificate, saying what is missing', () => {
    expect(() => fx.org.saml.register({ name: 'Broken', issuer: 'x', redirectBinding: true, samlEntityId: SP_ENTITY_ID, identityMapping: 'FederationId', identityLocation: 'SubjectNameId', validationCert: '' })).toThrow(SamlSsoConfigError);
    expect(fx.org.saml.configs().map((c) => c.name)).not.toContain('Broken');
  });
});

describe('samlify as the IdP (cross-implementation)', () => {
  const samlifyParties = () => {
    const idp = samlify.IdentityProvider({
      entityID: IDP_ISSUER,
      privateKey: fx.idpKey.privateKeyPem,
      signingCert: fx.idpKey.certificatePem,
      singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: IDP_LOGIN_URL }],
      singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${IDP_LOGIN_URL}/logout` }],
      nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'],
    });
    const sp = samlify.ServiceProvider({ entityID: SP_ENTITY_ID, assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: acs() }], wantAssertionsSigned: true });
    return { idp, sp };
  };

  it('accepts an IdP-initiated response and ignores an off-site RelayState', async () => {
    const { idp, sp } = samlifyParties();
    const { context } = await idp.createLoginResponse(sp, { extract: {} }, 'post', { email: 'vera@corp.example' });
    const browser = createFormBrowser(fx.org.instanceUrl);
    const back = await browser.post(acs(), { SAMLResponse: context, RelayState: 'https://evil.example/steal' });
    expect(back.status).toBe(302);
    expect(back.location).toBe('/home');
    expect(await queryAs(browser.cookie('sid')!)).toMatchObject({ status: 200 });
    expect(await loginHistory(fx.org)).toContainEqual(expect.objectContaining({ Status: 'Success', LoginType: 'SAML Idp Initiated SSO' }));
  });

  it('parses the org AuthnRequest (schema-valid) and its answer logs the user in', async () => {
    const { idp, sp } = samlifyParties();
    const browser = createFormBrowser(fx.org.instanceUrl);
    const toIdp = await browser.get('/saml/authn?idp=TestIdp');
    const query = Object.fromEntries(new URL(toIdp.location!).searchParams);
    const parsed = await idp.parseLoginRequest(sp, 'redirect', { query, octetString: '' });
    expect(parsed.extract.request?.assertionConsumerServiceUrl).toBe(acs());
    const { context } = await idp.createLoginResponse(sp, { extract: parsed.extract }, 'post', { email: 'vera@corp.example' });
    const back = await browser.post(acs(), { SAMLResponse: context, RelayState: query.RelayState! });
    expect(back.status).toBe(302);
    expect(back.location).toBe('/home');
    expect((await browser.get('/home')).html).toContain('Vera Victim');
  });
});

describe('SamlSsoConfig files in the source folder', () => {
  it('stop the org from starting when one is unusable, naming the file and what is missing', async () => {
    const sourceDir = mkdtempSync(join(tmpdir(), 'saml-sp-bad-'));
    try {
      mkdirSync(join(sourceDir, 'samlssoconfigs'));
      writeFileSync(join(sourceDir, 'samlssoconfigs', 'NoCert.samlssoconfig-meta.xml'), `<SamlSsoConfig xmlns="http://soap.sforce.com/2006/04/metadata"><issuer>https://idp.example</issuer><samlEntityId>${SP_ENTITY_ID}</samlEntityId></SamlSsoConfig>`);
      const err = await startMockOrgs({ orgs: ['X'], sourceDir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SamlSsoConfigError);
      expect((err as Error).message).toMatch(/NoCert\.samlssoconfig-meta\.xml has no validationCert/);
    } finally {
      rmSync(sourceDir, { recursive: true, force: true });
    }
  });
});
