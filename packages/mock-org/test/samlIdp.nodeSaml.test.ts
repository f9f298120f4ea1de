import { generateKeyPairSync } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockIdp, type MockIdp } from '../src/index.js';
import { autoPost, formAction, formFields, get, postForm, signIn } from './fixtures/saml-idp/idpBrowser.js';

// node-saml is the SP here: the cross-implementation check that the mock IdP's responses are real SAML.
const SP = { entityId: 'https://sp.example.test/saml/metadata', acsUrl: 'https://sp.example.test/saml/acs' };
const USER = { nameId: 'ada.fed@example.test', password: 'correct horse', email: 'ada@example.test', attributes: { department: 'Engineering', groups: ['admins', 'sso'] } };

let idp: MockIdp;

const spFor = (overrides: Partial<SamlConfig> = {}): SAML =>
  new SAML({ entryPoint: idp.ssoUrl, issuer: SP.entityId, callbackUrl: SP.acsUrl, audience: SP.entityId, idpCert: idp.certificatePem, idpIssuer: idp.entityId, validateInResponseTo: ValidateInResponseTo.always, ...overrides });

beforeAll(async () => {
  idp = await startMockIdp({ users: [USER], serviceProviders: [SP] });
});
afterAll(() => idp.close());

describe('node-saml as SP accepts the mock IdP', () => {
  it('completes an SP-initiated login over the Redirect binding, answering the request (InResponseTo) and keeping RelayState', async () => {
    const sp = spFor();
    const authorizeUrl = await sp.getAuthorizeUrlAsync('/lightning/page/home', undefined, {});
    const requestId = /ID="([^"]+)"/.exec(inflateRawSync(Buffer.from(new URL(authorizeUrl).searchParams.get('SAMLRequest')!, 'base64')).toString())![1];

    const form = await get(authorizeUrl);
    expect(form.status).toBe(200);
    const posted = autoPost(await signIn(idp.url, form, USER.nameId, USER.password));
    expect(posted.action).toBe(SP.acsUrl);
    expect(posted.RelayState).toBe('/lightning/page/home');

    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: posted.SAMLResponse, RelayState: posted.RelayState! });
    expect(profile?.nameID).toBe(USER.nameId);
    expect(profile?.issuer).toBe(idp.entityId);
    expect(profile?.inResponseTo).toBe(requestId);
    expect(profile?.email).toBe(USER.email);
    expect(profile?.department).toBe('Engineering');
    expect(profile?.groups).toEqual(['admins', 'sso']);
  });

  it('accepts a signed Redirect AuthnRequest (the signature is optional, not required)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sp = spFor({ privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const authorizeUrl = await sp.getAuthorizeUrlAsync('signed', undefined, {});
    expect(new URL(authorizeUrl).searchParams.get('Signature')).toBeTruthy();
    const posted = autoPost(await signIn(idp.url, await get(authorizeUrl), USER.nameId, USER.password));
    await expect(sp.validatePostResponseAsync({ SAMLResponse: posted.SAMLResponse, RelayState: posted.RelayState! })).resolves.toMatchObject({ profile: { nameID: USER.nameId } });
  });

  it.each([
    ['plain, as the binding specifies', true],
    ['deflated, as node-saml sends by default', false],
  ])('completes an SP-initiated login over the POST binding with the request %s', async (_, skipRequestCompression) => {
    const sp = spFor({ skipRequestCompression });
    const requestForm = await sp.getAuthorizeFormAsync('relay-post');
    const loginPage = await postForm(formAction(requestForm)!, formFields(requestForm));
    const posted = autoPost(await signIn(idp.url, loginPage, USER.email, USER.password));
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: posted.SAMLResponse, RelayState: posted.RelayState! });
    expect(profile?.nameID).toBe(USER.nameId);
    expect(posted.RelayState).toBe('relay-post');
  });

  it('sends an unsolicited response for an IdP-initiated login, which an SP that insists on InResponseTo refuses', async () => {
    const loginPage = await get(`${idp.url}/sso/idp-initiated?sp=${encodeURIComponent(SP.entityId)}&RelayState=%2Fhome`);
    const posted = autoPost(await signIn(idp.url, loginPage, USER.nameId, USER.password));
    expect(posted.RelayState).toBe('/home');
    expect(Buffer.from(posted.SAMLResponse, 'base64').toString()).not.toContain('InResponseTo');

    const { profile } = await spFor({ validateInResponseTo: ValidateInResponseTo.ifPresent }).validatePostResponseAsync({ SAMLResponse: posted.SAMLResponse });
    expect(profile?.nameID).toBe(USER.nameId);
    await expect(spFor().validatePostResponseAsync({ SAMLResponse: posted.SAMLResponse })).rejects.toThrow(/InResponseTo/i);
  });

  it('signs the assertion, the response, or both as chosen', async () => {
    const lenient = { validateInResponseTo: ValidateInResponseTo.never };
    const assertionOnly = idp.createResponse({ sp: SP.entityId, nameId: USER.nameId, sign: 'assertion' });
    const responseOnly = idp.createResponse({ sp: SP.entityId, nameId: USER.nameId, sign: 'response' });

    await expect(spFor({ ...lenient, wantAuthnResponseSigned: false }).validatePostResponseAsync({ SAMLResponse: assertionOnly.samlResponse })).resolves.toMatchObject({ profile: { nameID: USER.nameId } });
    await expect(spFor({ ...lenient, wantAssertionsSigned: false }).validatePostResponseAsync({ SAMLResponse: responseOnly.samlResponse })).resolves.toMatchObject({ profile: { nameID: USER.nameId } });
    // node-saml's defaults want both signatures: one alone is refused, so each choice really changes the document.
    await expect(spFor(lenient).validatePostResponseAsync({ SAMLResponse: assertionOnly.samlResponse })).rejects.toThrow(/signature/i);
    await expect(spFor(lenient).validatePostResponseAsync({ SAMLResponse: responseOnly.samlResponse })).rejects.toThrow(/signature/i);
  });

  it('crafts validly signed responses that fail for exactly the reason asked (expired, wrong audience) and breaks when tampered', async () => {
    const lenient = spFor({ validateInResponseTo: ValidateInResponseTo.never });
    const past = new Date(Date.now() - 3600_000);
    const expired = idp.createResponse({ sp: SP.entityId, nameId: USER.nameId, notBefore: new Date(past.getTime() - 60_000), notOnOrAfter: past });
    await expect(lenient.validatePostResponseAsync({ SAMLResponse: expired.samlResponse })).rejects.toThrow(/expired/i);

    const wrongAudience = idp.createResponse({ sp: SP.entityId, nameId: USER.nameId, audience: 'https://someone-else.example.test' });
    await expect(lenient.validatePostResponseAsync({ SAMLResponse: wrongAudience.samlResponse })).rejects.toThrow(/audience/i);

    const good = idp.createResponse({ sp: SP.entityId, nameId: USER.nameId });
    const tampered = Buffer.from(good.xml.replace(USER.nameId, 'mallory@example.test')).toString('base64');
    await expect(lenient.validatePostResponseAsync({ SAMLResponse: tampered })).rejects.toThrow(/signature/i);
  });
});
