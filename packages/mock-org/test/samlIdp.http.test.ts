import { X509Certificate } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { parseXml, type XmlElement } from '@orgkit/checks/xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockIdpError, startMockIdp, type MockIdp } from '../src/index.js';
import { autoPost, formFields, get, signIn } from './fixtures/saml-idp/idpBrowser.js';

const SP = { entityId: 'https://acme.my.salesforce.test', acsUrl: 'https://acme.my.salesforce.test/?so=00D000000000001' };
const USER = { nameId: 'fed-0001', password: 's3cret-pass', email: 'grace@example.test' };
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

let idp: MockIdp;

/** A Redirect-binding AuthnRequest URL as any SP would build it. */
function redirectUrl(target: MockIdp, issuer: string, acsUrl: string, relayState?: string, xml?: string): string {
  const request =
    xml ??
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_req${Date.now()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${target.ssoUrl}" AssertionConsumerServiceURL="${acsUrl}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${issuer}</saml:Issuer></samlp:AuthnRequest>`;
  const url = new URL(target.ssoUrl);
  url.searchParams.set('SAMLRequest', deflateRawSync(Buffer.from(request)).toString('base64'));
  if (relayState !== undefined) url.searchParams.set('RelayState', relayState);
  return url.toString();
}

const children = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.uri === MD && c.name === name);
const decodedResponse = (samlResponse: string): string => Buffer.from(samlResponse, 'base64').toString('utf8');

beforeAll(async () => {
  idp = await startMockIdp({ users: [USER], serviceProviders: [SP] });
});
afterAll(() => idp.close());

describe('mock IdP metadata', () => {
  it('publishes an EntityDescriptor with the signing certificate, both SSO bindings and logout', async () => {
    const res = await fetch(idp.metadataUrl);
    expect(res.headers.get('content-type')).toBe('application/samlmetadata+xml');
    const parsed = parseXml(await res.text());
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const root = parsed.root;
    expect(root.name).toBe('EntityDescriptor');
    expect(root.attributes['entityID']?.value).toBe(idp.url);
    const [descriptor] = children(root, 'IDPSSODescriptor');
    expect(descriptor?.attributes['protocolSupportEnumeration']?.value).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    const [key] = children(descriptor!, 'KeyDescriptor');
    expect(key?.attributes['use']?.value).toBe('signing');
    const certText = key!.children[0]!.children[0]!.children[0]!.text;
    expect(certText).toBe(idp.certificateBase64);
    expect(new X509Certificate(Buffer.from(certText, 'base64')).toString()).toBe(new X509Certificate(idp.certificatePem).toString());
    const sso = children(descriptor!, 'SingleSignOnService').map((s) => [s.attributes['Binding']?.value, s.attributes['Location']?.value]);
    expect(sso).toEqual([
      ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', idp.ssoUrl],
      ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', idp.ssoUrl],
    ]);
    expect(children(descriptor!, 'SingleLogoutService').map((s) => s.attributes['Location']?.value)).toEqual([idp.sloUrl, idp.sloUrl]);
  });

  it('publishes an expired or an exactly dated certificate as configured', async () => {
    const expired = await startMockIdp({ certificate: { daysValid: -10 }, entityId: 'https://idp.example.test/expired' });
    const dated = await startMockIdp({ certificate: { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') } });
    try {
      const certIn = async (target: MockIdp): Promise<X509Certificate> => new X509Certificate(Buffer.from(/<ds:X509Certificate>([^<]+)</.exec(await (await fetch(target.metadataUrl)).text())![1]!, 'base64'));
      const expiredCert = await certIn(expired);
      expect(new Date(expiredCert.validTo).getTime()).toBeLessThan(Date.now() - 9 * 24 * 3600_000);
      expect(expired.entityId).toBe('https://idp.example.test/expired');
      const datedCert = await certIn(dated);
      expect(new Date(datedCert.validFrom).toISOString()).toBe('2025-01-01T00:00:00.000Z');
      expect(new Date(datedCert.validTo).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    } finally {
      await Promise.all([expired.close(), dated.close()]);
    }
  });

  it('refuses a certificate that ends before it starts, with a code', async () => {
    const bad = startMockIdp({ certificate: { notBefore: new Date('2027-01-01T00:00:00Z'), notAfter: new Date('2026-01-01T00:00:00Z') } });
    await expect(bad).rejects.toBeInstanceOf(MockIdpError);
    await expect(bad).rejects.toMatchObject({ code: 'IDP_BAD_OPTIONS' });
  });
});

describe('mock IdP sign-in over HTTP', () => {
  it('shows a labelled form for a Redirect AuthnRequest and answers with an auto-posting SAMLResponse for the SP', async () => {
    const form = await get(redirectUrl(idp, SP.entityId, SP.acsUrl, 'startURL=/home'));
    expect(form.status).toBe(200);
    expect(form.contentType).toBe('text/html;charset=UTF-8');
    // Each input has a label pointing at it, so screen readers and playwright's getByLabel find them.
    expect(form.html).toMatch(/<label for="username">Username<\/label> <input id="username"/);
    expect(form.html).toMatch(/<label for="password">Password<\/label> <input id="password" name="password" type="password"/);

    const answer = await signIn(idp.url, form, USER.nameId, USER.password);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain(`document.getElementById('saml-post').submit()`);
    const posted = autoPost(answer);
    expect(posted).toMatchObject({ action: SP.acsUrl, RelayState: 'startURL=/home' });
    const xml = decodedResponse(posted.SAMLResponse);
    expect(xml).toMatch(/<samlp:Response [^>]*InResponseTo="_req\d+"/);
    expect(xml).toContain(`<saml:Audience>${SP.entityId}</saml:Audience>`);
    expect(xml).toContain(`Recipient="${SP.acsUrl}"`);
    expect(xml).toContain('>fed-0001</saml:NameID>');
    expect(xml.match(/<ds:Signature /g)).toHaveLength(2);
  });

  it('shows the form again with an error for a wrong password, and the same sign-in then succeeds', async () => {
    const form = await get(redirectUrl(idp, SP.entityId, SP.acsUrl));
    const wrong = await signIn(idp.url, form, USER.nameId, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('<p role="alert" id="login-error">The username or password is not correct.</p>');
    expect(wrong.html).not.toContain('SAMLResponse');
    expect(formFields(wrong.html).login).toBe(formFields(form.html).login);

    const unknownUser = await signIn(idp.url, form, 'nobody@example.test', USER.password);
    expect(unknownUser.html).toContain('The username or password is not correct.');

    const posted = autoPost(await signIn(idp.url, wrong, USER.email.toUpperCase(), USER.password));
    expect(decodedResponse(posted.SAMLResponse)).toContain('>fed-0001</saml:NameID>');
    // A finished sign-in cannot be replayed to mint a second response.
    const again = await signIn(idp.url, form, USER.nameId, USER.password);
    expect(again.status).toBe(400);
    expect(again.html).toContain('Start again at the service provider');
  });

  it('shows an error page for an unregistered SP or ACS URL, until the SP is registered at runtime', async () => {
    const stranger = { entityId: 'https://stranger.example.test', acsUrl: 'https://stranger.example.test/acs' };
    const unknown = await get(redirectUrl(idp, stranger.entityId, stranger.acsUrl));
    expect(unknown.status).toBe(403);
    expect(unknown.html).toContain('<title>Unknown service provider</title>');
    expect(unknown.html).toContain('is not registered with this identity provider');
    expect(unknown.html).not.toContain('name="password"');

    const otherAcs = await get(redirectUrl(idp, SP.entityId, 'https://evil.example.test/acs'));
    expect(otherAcs.status).toBe(403);
    expect(otherAcs.html).toContain('is not the one registered');

    const idpInitiated = await get(`${idp.url}/sso/idp-initiated?sp=${encodeURIComponent(stranger.entityId)}`);
    expect(idpInitiated.status).toBe(403);
    expect(() => idp.createResponse({ sp: stranger.entityId, nameId: USER.nameId })).toThrow(expect.objectContaining({ code: 'IDP_UNKNOWN_SP' }));

    idp.addServiceProvider(stranger);
    const form = await get(redirectUrl(idp, stranger.entityId, stranger.acsUrl));
    expect(autoPost(await signIn(idp.url, form, USER.nameId, USER.password)).action).toBe(stranger.acsUrl);
  });

  it('sends an IdP-initiated response with no InResponseTo', async () => {
    const form = await get(`${idp.url}/sso/idp-initiated?sp=${encodeURIComponent(SP.entityId)}`);
    const posted = autoPost(await signIn(idp.url, form, USER.nameId, USER.password));
    expect(posted.RelayState).toBeUndefined();
    expect(decodedResponse(posted.SAMLResponse)).not.toContain('InResponseTo');
  });

  it('dates responses by its own clock, so a pinned clock gives pinned validity windows', async () => {
    const pinned = await startMockIdp({ now: () => new Date('2026-03-01T12:00:00Z'), assertionLifetimeSeconds: 120, serviceProviders: [SP], signing: 'none' });
    try {
      const { xml } = pinned.createResponse({ sp: SP.entityId, nameId: USER.nameId });
      expect(xml).toContain('IssueInstant="2026-03-01T12:00:00Z"');
      expect(xml).toContain('<saml:Conditions NotBefore="2026-03-01T12:00:00Z" NotOnOrAfter="2026-03-01T12:02:00Z">');
      expect(xml).not.toContain('<ds:Signature');
    } finally {
      await pinned.close();
    }
  });

  it('refuses an AuthnRequest with a DOCTYPE (no entity expansion) and one that is not deflated', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">&b;</saml:Issuer></samlp:AuthnRequest>`;
    const refused = await get(redirectUrl(idp, '', '', undefined, bomb));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('SAMLRequest has a DOCTYPE');

    const notDeflated = await get(`${idp.ssoUrl}?SAMLRequest=${encodeURIComponent(Buffer.from('<samlp:AuthnRequest/>').toString('base64'))}`);
    expect(notDeflated.status).toBe(400);
    expect(notDeflated.html).toContain('not a deflated, base64-encoded AuthnRequest');
  });
});
