import { randomBytes } from 'node:crypto';

export const SAML_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const SAML_METADATA = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** Escapes text and attribute values alike (quotes included), so any value is safe in either place. */
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** SAML IDs are xs:ID: they must not start with a digit, hence the underscore. */
export const samlId = (): string => `_${randomBytes(20).toString('hex')}`;

/** xs:dateTime in UTC without milliseconds, as most IdPs write it. */
export const samlInstant = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
