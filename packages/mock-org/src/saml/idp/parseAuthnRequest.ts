import { inflateRawSync } from 'node:zlib';
import { parseXml, type XmlElement } from '@orgkit/checks/xml';
import { SAML_ASSERTION, SAML_PROTOCOL } from './samlXml.js';

/** What the IdP needs from an AuthnRequest. */
export interface AuthnRequestInfo {
  id: string;
  issuer: string;
  /** Absent when the SP relies on the ACS registered with the IdP. */
  acsUrl?: string;
}

export type AuthnRequestResult = { ok: true; request: AuthnRequestInfo } | { ok: false; message: string };

// Deflated requests are small; the cap stops a decompression bomb.
const MAX_INFLATED_BYTES = 256 * 1024;

function decode(samlRequest: string, binding: 'redirect' | 'post'): string | undefined {
  const bytes = Buffer.from(samlRequest, 'base64');
  // The POST binding is not deflated, but node-saml and others deflate it anyway; accept both there.
  if (binding === 'post' && /^\s*</.test(bytes.subarray(0, 64).toString('utf8'))) return bytes.toString('utf8');
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return undefined;
  }
}

const child = (el: XmlElement, uri: string, name: string): XmlElement | undefined => el.children.find((c) => c.uri === uri && c.name === name);

/**
 * Decodes and parses an AuthnRequest from the Redirect (deflated) or POST binding with the
 * project's safe parser (a DOCTYPE is refused, so no entity expansion or external entities).
 */
export function parseAuthnRequest(samlRequest: string, binding: 'redirect' | 'post'): AuthnRequestResult {
  const xml = decode(samlRequest, binding);
  if (xml === undefined) return { ok: false, message: binding === 'redirect' ? 'SAMLRequest is not a deflated, base64-encoded AuthnRequest (HTTP-Redirect binding).' : 'SAMLRequest is not a base64-encoded AuthnRequest (HTTP-POST binding).' };
  const parsed = parseXml(xml);
  if (!parsed.ok && parsed.problem.kind === 'doctype') return { ok: false, message: 'SAMLRequest has a DOCTYPE, which SAML messages must not carry; it was refused unread.' };
  if (!parsed.ok) return { ok: false, message: `SAMLRequest is not well-formed XML: ${parsed.problem.message}.` };
  const root = parsed.root;
  if (root.uri !== SAML_PROTOCOL || root.name !== 'AuthnRequest') return { ok: false, message: `SAMLRequest holds a ${root.name}, not a SAML 2.0 AuthnRequest.` };
  const id = root.attributes['ID']?.value;
  if (!id) return { ok: false, message: 'The AuthnRequest has no ID.' };
  const issuer = child(root, SAML_ASSERTION, 'Issuer')?.text.trim();
  if (!issuer) return { ok: false, message: 'The AuthnRequest has no Issuer, so the service provider is unknown.' };
  const acsUrl = root.attributes['AssertionConsumerServiceURL']?.value;
  return { ok: true, request: { id, issuer, ...(acsUrl ? { acsUrl } : {}) } };
}
