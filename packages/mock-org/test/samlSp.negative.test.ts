import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppKeyPair } from '../src/auth/certificate.js';
import { createFormBrowser } from '../src/saml/formBrowser.js';
import { assertionXml, craftResponse, newId, responseXml, signElement, toBase64, type CraftOptions } from './fixtures/saml-sp/craftResponse.js';
import { IDP_ISSUER, SP_ENTITY_ID, loginHistory, startSpOrg, type SpFixture } from './fixtures/saml-sp/spFixture.js';

let fx: SpFixture;
const attacker = createAppKeyPair('Attacker');
beforeAll(async () => {
  fx = await startSpOrg();
});
afterAll(() => fx.close());

/** A response the mock SP would accept, for Vera; each case changes one thing. */
const valid = (over: Partial<CraftOptions> = {}): CraftOptions => ({ issuer: IDP_ISSUER, audience: SP_ENTITY_ID, recipient: fx.org.saml.acsUrl(), nameId: 'vera@corp.example', key: fx.idpKey, ...over });

/** Posts the response like a browser would and returns what the user sees plus the LoginHistory rows it wrote. */
async function post(xml: string) {
  const before = new Set((await loginHistory(fx.org)).map((r) => r.Id));
  const browser = createFormBrowser(fx.org.instanceUrl);
  const page = await browser.post(fx.org.saml.acsUrl(), { SAMLResponse: toBase64(xml), RelayState: '/home' });
  const rows = (await loginHistory(fx.org)).filter((r) => !before.has(r.Id));
  return { page, rows, home: await browser.get('/home') };
}

const cases: [string, () => string, string][] = [
  ['an expired assertion', () => craftResponse(valid({ issueInstant: new Date(Date.now() - 20 * 60_000), notOnOrAfter: new Date(Date.now() - 10 * 60_000) })), 'Assertion Expired'],
  ['an assertion for another audience', () => craftResponse(valid({ audience: 'https://someone-else.example' })), 'Audience Invalid'],
  ['an assertion from another issuer (signed with the right key)', () => craftResponse(valid({ issuer: 'https://rogue-idp.example' })), 'Issuer Mismatched'],
  ['an assertion for another recipient', () => craftResponse(valid({ recipient: 'https://other.my.salesforce.example?so=00D000000000001' })), 'Recipient Mismatched'],
  ['a signature by another key', () => craftResponse(valid({ key: attacker })), 'Signature Invalid'],
  ['an unsigned response', () => craftResponse(valid({ sign: 'none' })), 'Signature Invalid'],
  ['a holder-of-key instead of bearer confirmation', () => craftResponse(valid({ confirmationMethod: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' })), 'Subject Confirmation Error'],
  [
    'signature wrapping: a forged second assertion beside the signed one',
    () => {
      const o = valid();
      const id = newId();
      const signed = signElement(assertionXml(o, id), id, o.key);
      const forged = assertionXml(valid({ nameId: 'admin@corp.example' }), newId());
      return responseXml(o, newId(), forged + signed);
    },
    'Signature Invalid',
  ],
  [
    'signature wrapping: the root re-signed by the attacker around an unsigned assertion',
    () => {
      const o = valid({ key: attacker });
      const responseId = newId();
      return signElement(responseXml(o, responseId, assertionXml(o, newId())), responseId, attacker);
    },
    'Signature Invalid',
  ],
  [
    'comment injection into the NameID (the signature still verifies)',
    () => craftResponse(valid({ nameId: 'vera@corp.example.evil.example' })).replace('vera@corp.example.evil.example', 'vera@corp.example<!---->.evil.example'),
    'Assertion Invalid',
  ],
  ['a tampered attribute', () => craftResponse(valid({ attributes: { role: 'user' } })).replace('>user<', '>admin<'), 'Signature Invalid'],
  ['an unknown Federation ID', () => craftResponse(valid({ nameId: 'nobody@corp.example' })), 'Failed: Federation ID not found'],
  ['an inactive user', () => craftResponse(valid({ nameId: 'gone@corp.example' })), 'Failed: User inactive'],
];

describe('the ACS rejects', () => {
  it.each(cases)('%s', async (_name, build, category) => {
    const { page, rows, home } = await post(build());
    expect(page.status).toBe(403);
    expect(page.html).toContain(`could not be accepted: ${category}.`);
    expect(page.html).not.toMatch(/at .*\.(ts|js):\d+|BEGIN (CERTIFICATE|PRIVATE KEY)|SAMLResponse/);
    expect(page.setCookie).toEqual([]);
    expect(home.location).toMatch(/^\/login/);
    expect(rows).toEqual([expect.objectContaining({ Status: category, LoginType: 'SAML Idp Initiated SSO' })]);
    // Only an inactive user is known; every other failure names nobody.
    const gone = fx.org.users.others.find((u) => u.username === 'gone@corp.example')!;
    expect(rows[0]!.UserId).toBe(category === 'Failed: User inactive' ? gone.id : null);
  });

  it('a replayed assertion, after it logged the user in once', async () => {
    const xml = craftResponse(valid());
    const first = await post(xml);
    expect(first.page.status).toBe(302);
    expect(first.rows).toEqual([expect.objectContaining({ Status: 'Success' })]);
    const replay = await post(xml);
    expect(replay.page.status).toBe(403);
    expect(replay.page.html).toContain('Replay Detected');
    expect(replay.page.setCookie).toEqual([]);
    expect(replay.rows).toEqual([expect.objectContaining({ Status: 'Replay Detected', UserId: null })]);
  });

  it('a response posted to another org id', async () => {
    const browser = createFormBrowser(fx.org.instanceUrl);
    const page = await browser.post(`${fx.org.instanceUrl}/?so=00D000000000XYZ`, { SAMLResponse: toBase64(craftResponse(valid())) });
    expect(page.status).toBe(400);
    expect(page.setCookie).toEqual([]);
  });
});

it('LoginHistory failures are queryable by status through SOQL', async () => {
  const { jwtConnection } = await import('./orgClients.js');
  const conn = await jwtConnection(fx.org);
  const result = await conn.query<{ Status: string }>("SELECT Status FROM LoginHistory WHERE Status = 'Signature Invalid'");
  expect(result.totalSize).toBeGreaterThanOrEqual(5);
});
