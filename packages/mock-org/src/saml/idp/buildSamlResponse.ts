import { escapeXml, NAMEID_UNSPECIFIED, SAML_ASSERTION, SAML_PROTOCOL, samlInstant } from './samlXml.js';

/** Every value of one Response, already decided; this file only writes them out. */
export interface SamlResponseFields {
  responseId: string;
  assertionId: string;
  issuer: string;
  issueInstant: Date;
  /** Response Destination and SubjectConfirmationData Recipient. */
  recipient: string;
  audience: string;
  nameId: string;
  nameIdFormat?: string;
  inResponseTo?: string;
  notBefore: Date;
  notOnOrAfter: Date;
  sessionIndex: string;
  attributes: Record<string, string | string[]>;
}

function attributeStatement(attributes: Record<string, string | string[]>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  const attrs = entries
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`);
      return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">${values.join('')}</saml:Attribute>`;
    })
    .join('');
  return `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>`;
}

/** An unsigned SAML 2.0 Response with one bearer Assertion, in the shape Okta and Entra ID send. */
export function buildSamlResponse(f: SamlResponseFields): string {
  const issued = samlInstant(f.issueInstant);
  const inResponseTo = f.inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(f.inResponseTo)}"`;
  const issuer = `<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${escapeXml(f.issuer)}</saml:Issuer>`;
  return (
    `<samlp:Response xmlns:samlp="${SAML_PROTOCOL}" xmlns:saml="${SAML_ASSERTION}" ID="${f.responseId}" Version="2.0" IssueInstant="${issued}" Destination="${escapeXml(f.recipient)}"${inResponseTo}>` +
    issuer +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion xmlns:saml="${SAML_ASSERTION}" ID="${f.assertionId}" Version="2.0" IssueInstant="${issued}">` +
    issuer +
    '<saml:Subject>' +
    `<saml:NameID Format="${escapeXml(f.nameIdFormat ?? NAMEID_UNSPECIFIED)}">${escapeXml(f.nameId)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData NotOnOrAfter="${samlInstant(f.notOnOrAfter)}" Recipient="${escapeXml(f.recipient)}"${inResponseTo}/>` +
    '</saml:SubjectConfirmation>' +
    '</saml:Subject>' +
    `<saml:Conditions NotBefore="${samlInstant(f.notBefore)}" NotOnOrAfter="${samlInstant(f.notOnOrAfter)}">` +
    `<saml:AudienceRestriction><saml:Audience>${escapeXml(f.audience)}</saml:Audience></saml:AudienceRestriction>` +
    '</saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${f.sessionIndex}">` +
    '<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>' +
    '</saml:AuthnStatement>' +
    attributeStatement(f.attributes) +
    '</saml:Assertion>' +
    '</samlp:Response>'
  );
}
