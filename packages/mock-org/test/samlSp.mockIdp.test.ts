import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockIdp, startMockOrgs, type MockIdp, type MockOrg, type MockOrgs } from '../src/index.js';
import { createFormBrowser, formOf } from '../src/saml/formBrowser.js';
import { loginHistory } from './fixtures/saml-sp/spFixture.js';

const SP_ENTITY_ID = 'https://org-b.my.salesforce.example';
let orgs: MockOrgs;
let org: MockOrg;
let idp: MockIdp;

beforeAll(async () => {
  idp = await startMockIdp({ users: [{ nameId: 'ida@corp.example', email: 'ida@corp.example', password: 'correct horse' }, { nameId: 'nobody@corp.example', password: 'pw' }] });
  orgs = await startMockOrgs({ orgs: [{ name: 'B', samlEnabled: true, users: [{ username: 'ida@corp.example', firstName: 'Ida', lastName: 'Ideal', federationIdentifier: 'ida@corp.example' }] }], sourceDir: null });
  org = orgs.org('B');
  org.saml.register({ name: 'MockIdp', issuer: idp.entityId, loginUrl: idp.ssoUrl, redirectBinding: true, samlEntityId: SP_ENTITY_ID, identityMapping: 'FederationId', identityLocation: 'SubjectNameId', validationCert: idp.certificateBase64 });
  idp.addServiceProvider({ entityId: SP_ENTITY_ID, acsUrl: org.saml.acsUrl() });
});
afterAll(async () => {
  await orgs.close();
  await idp.close();
});

/** Login page → IdP sign-in form → auto-posted response → the org, as a browser without script would go. */
async function signInThroughIdp(username: string, password: string) {
  const browser = createFormBrowser(org.instanceUrl);
  const toIdp = await browser.get('/saml/authn?idp=MockIdp&startURL=%2Fhome');
  expect(toIdp.location!.startsWith(idp.ssoUrl)).toBe(true);
  const signIn = formOf((await browser.get(toIdp.location!)).html);
  const signedIn = await browser.post(new URL(signIn.action, idp.url).href, { ...signIn.fields, username, password });
  const toOrg = formOf(signedIn.html);
  expect(toOrg.action).toBe(org.saml.acsUrl());
  return { browser, landing: await browser.post(toOrg.action, toOrg.fields) };
}

describe('the mock IdP against the mock SP', () => {
  it('an SP-initiated login through the sign-in form lands on the home page', async () => {
    const { browser, landing } = await signInThroughIdp('ida@corp.example', 'correct horse');
    expect(landing.status).toBe(302);
    expect(landing.location).toBe('/home');
    expect((await browser.get('/home')).html).toContain('Logged in as <strong>Ida Ideal</strong>');
    expect(await loginHistory(org)).toContainEqual(expect.objectContaining({ Status: 'Success', LoginType: 'SAML Sfdc Initiated SSO' }));
  });

  it('an IdP user without a matching Federation ID sees the error page', async () => {
    const { browser, landing } = await signInThroughIdp('nobody@corp.example', 'pw');
    expect(landing.status).toBe(403);
    expect(landing.html).toContain('Failed: Federation ID not found');
    expect((await browser.get('/home')).location).toMatch(/^\/login/);
  });

  it('an IdP-initiated response from createResponse logs in', async () => {
    const browser = createFormBrowser(org.instanceUrl);
    const landing = await browser.post(org.saml.acsUrl(), { SAMLResponse: idp.createResponse({ sp: SP_ENTITY_ID, nameId: 'ida@corp.example' }).samlResponse });
    expect(landing.location).toBe('/home');
    expect(await loginHistory(org)).toContainEqual(expect.objectContaining({ Status: 'Success', LoginType: 'SAML Idp Initiated SSO' }));
  });

  it('an ACS URL written with the 18-character org id names the same ACS', async () => {
    const acs18 = `${org.instanceUrl}/?so=${org.orgId}`;
    const browser = createFormBrowser(org.instanceUrl);
    const landing = await browser.post(acs18, { SAMLResponse: idp.createResponse({ sp: { entityId: SP_ENTITY_ID, acsUrl: acs18 }, nameId: 'ida@corp.example' }).samlResponse });
    expect(landing.location).toBe('/home');
  });

  const past = (): Date => new Date(Date.now() - 10 * 60_000);
  it.each([
    ['expired', { notBefore: new Date(Date.now() - 20 * 60_000), notOnOrAfter: past() }, 'Assertion Expired'],
    ['for another audience', { audience: 'https://elsewhere.example' }, 'Audience Invalid'],
    ['for another recipient', { recipient: 'https://elsewhere.example/?so=00D000000000001' }, 'Recipient Mismatched'],
    ['from another issuer', { issuer: 'https://elsewhere.example/idp' }, 'Issuer Mismatched'],
    ['unsigned', { sign: 'none' as const }, 'Signature Invalid'],
  ])('a validly built but %s response is refused', async (_name, bend, category) => {
    const browser = createFormBrowser(org.instanceUrl);
    const landing = await browser.post(org.saml.acsUrl(), { SAMLResponse: idp.createResponse({ sp: SP_ENTITY_ID, nameId: 'ida@corp.example', ...bend }).samlResponse });
    expect(landing.status).toBe(403);
    expect(landing.html).toContain(category);
    expect(landing.setCookie).toEqual([]);
  });
});
