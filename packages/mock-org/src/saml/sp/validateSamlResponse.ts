import type { CacheProvider, Profile } from '@node-saml/node-saml';
import { parseXml, type XmlElement } from '@orgkit/checks/xml';
import { CLOCK_SKEW_MS, createSaml } from './orgClockSaml.js';
import { SamlLoginFailure, categorize, type SamlFailureCategory } from './samlFailure.js';
import type { SamlSsoConfig } from './samlSsoConfig.js';

export type SamlLoginType = 'SAML Sfdc Initiated SSO' | 'SAML Idp Initiated SSO';

export type SamlValidation =
  | { ok: true; loginType: SamlLoginType; config: SamlSsoConfig; identity: string }
  | { ok: false; loginType: SamlLoginType; category: SamlFailureCategory };

export interface SamlResponseContext {
  configs: readonly SamlSsoConfig[];
  acsUrl: string;
  now: () => Date;
  requestIds: CacheProvider;
  /** Assertion ids already consumed (replay detection). */
  seenAssertionIds: { has(id: string): boolean; add(id: string): void };
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

const kids = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
const kid = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
const attr = (el: XmlElement, name: string): string | undefined => el.attributes[name]?.value || undefined;

/** The org id in `?so=` may be written with 15 or 18 characters; both name the same ACS. */
function canonicalAcs(value: string): string {
  const url = new URL(value);
  const so = url.searchParams.get('so');
  if (so?.length === 18) url.searchParams.set('so', so.slice(0, 15));
  return url.href;
}

const sameUrl = (a: string, b: string): boolean => {
  try {
    return canonicalAcs(a) === canonicalAcs(b);
  } catch {
    return false;
  }
};

function parseOrFail(xml: string): XmlElement {
  // The project's parser refuses DOCTYPE, so no entity tricks reach node-saml's DOM parser.
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new SamlLoginFailure('Assertion Invalid');
  return parsed.root;
}

/** What node-saml leaves to the SP: issuer, recipient/destination, bearer subject confirmation, on the signed assertion. */
function checkSignedAssertion(assertionXml: string, response: XmlElement, config: SamlSsoConfig, inResponseTo: string | undefined, ctx: SamlResponseContext): void {
  const assertion = parseOrFail(assertionXml);
  const responseIssuer = kid(response, 'Issuer')?.text.trim();
  if (kid(assertion, 'Issuer')?.text.trim() !== config.issuer || (responseIssuer !== undefined && responseIssuer !== config.issuer)) throw new SamlLoginFailure('Issuer Mismatched');
  const destination = attr(response, 'Destination');
  if (destination !== undefined && !sameUrl(destination, ctx.acsUrl)) throw new SamlLoginFailure('Recipient Mismatched');
  const subject = kid(assertion, 'Subject');
  if (!subject) throw new SamlLoginFailure('Assertion Invalid');
  const data = kids(subject, 'SubjectConfirmation')
    .filter((c) => attr(c, 'Method') === BEARER)
    .map((c) => kid(c, 'SubjectConfirmationData'))
    .find((d): d is XmlElement => d !== undefined);
  if (!data || !attr(data, 'NotOnOrAfter')) throw new SamlLoginFailure('Subject Confirmation Error');
  const recipient = attr(data, 'Recipient');
  if (!recipient || !sameUrl(recipient, ctx.acsUrl)) throw new SamlLoginFailure('Recipient Mismatched');
  if (Date.parse(attr(data, 'NotOnOrAfter')!) <= ctx.now().getTime() - CLOCK_SKEW_MS) throw new SamlLoginFailure('Assertion Expired');
  // An unsolicited response must not claim to answer a request (node-saml only checks it when the Response does).
  if (attr(data, 'InResponseTo') !== inResponseTo) throw new SamlLoginFailure('Subject Confirmation Error');
}

function identityOf(profile: Profile, config: SamlSsoConfig): string {
  const value = config.identityLocation === 'Attribute' ? (profile.attributes as Record<string, unknown> | undefined)?.[config.attributeName!] : profile.nameID;
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string' || first.trim() === '') throw new SamlLoginFailure('Assertion Invalid');
  return first.trim();
}

/** Validates a posted SAMLResponse against the org's configs; never throws, the category says what failed. */
export async function validateSamlResponse(samlResponse: string, ctx: SamlResponseContext): Promise<SamlValidation> {
  let loginType: SamlLoginType = 'SAML Idp Initiated SSO';
  try {
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    // Genuine IdPs never send comments; one inside a NameID is the classic truncation attack.
    if (xml.includes('<!--')) throw new SamlLoginFailure('Assertion Invalid');
    const response = parseOrFail(xml);
    if (response.name !== 'Response') throw new SamlLoginFailure('Assertion Invalid');
    const inResponseTo = attr(response, 'InResponseTo');
    if (inResponseTo) loginType = 'SAML Sfdc Initiated SSO';
    const assertions = kids(response, 'Assertion');
    if (assertions.some((a) => ctx.seenAssertionIds.has(attr(a, 'ID') ?? ''))) throw new SamlLoginFailure('Replay Detected');
    if (ctx.configs.length === 0) throw new SamlLoginFailure('Configuration Error');
    const claimedIssuer = kid(response, 'Issuer')?.text.trim() ?? (assertions[0] && kid(assertions[0], 'Issuer')?.text.trim());
    const config = ctx.configs.find((c) => c.issuer === claimedIssuer) ?? (ctx.configs.length === 1 ? ctx.configs[0] : undefined);
    if (!config) throw new SamlLoginFailure('Issuer Mismatched');

    const { profile } = await createSaml(config, ctx.acsUrl, ctx.requestIds, ctx.now).validatePostResponseAsync({ SAMLResponse: samlResponse });
    if (!profile) throw new SamlLoginFailure('Assertion Invalid');
    const assertionXml = profile.getAssertionXml?.();
    if (!assertionXml) throw new SamlLoginFailure('Assertion Invalid');
    const assertionId = attr(parseOrFail(assertionXml), 'ID');
    if (!assertionId) throw new SamlLoginFailure('Assertion Invalid');
    // Consumed once its signature holds, whatever fails next: a valid assertion never logs in twice.
    ctx.seenAssertionIds.add(assertionId);
    checkSignedAssertion(assertionXml, response, config, inResponseTo, ctx);
    return { ok: true, loginType, config, identity: identityOf(profile, config) };
  } catch (err) {
    return { ok: false, loginType, category: categorize(err) };
  }
}
