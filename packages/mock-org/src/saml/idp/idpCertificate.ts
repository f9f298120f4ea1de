import { createSelfSignedKeyPair } from '../../auth/certificate.js';
import { MockIdpError } from './idpErrors.js';
import type { IdpCertificateValidity } from './types.js';

/** The IdP's signing key and self-signed certificate. The private key stays inside the IdP. */
export interface IdpSigningKey {
  privateKeyPem: string;
  certificatePem: string;
  /** Base64 DER, no PEM armour: what metadata's X509Certificate and a SamlSsoConfig hold. */
  certificateBase64: string;
  notBefore: Date;
  notAfter: Date;
}

const DAY_MS = 24 * 3600_000;

/** Chosen validity so tests can make expired and expiring certificates. */
function validityWindow(validity: IdpCertificateValidity, now: Date): { notBefore: Date; notAfter: Date } {
  const notAfter = validity.notAfter ?? new Date(now.getTime() + (validity.daysValid ?? 365) * DAY_MS);
  // An expired certificate still needs notBefore < notAfter to be a valid X.509 structure.
  const notBefore = validity.notBefore ?? new Date(Math.min(now.getTime() - 60_000, notAfter.getTime() - DAY_MS));
  if (notBefore.getTime() >= notAfter.getTime()) throw new MockIdpError('IDP_BAD_OPTIONS', `certificate.notBefore (${notBefore.toISOString()}) must be before notAfter (${notAfter.toISOString()}).`);
  return { notBefore, notAfter };
}

/** The IdP's key and certificate, valid for the window the options choose. */
export function createIdpSigningKey(commonName: string, validity: IdpCertificateValidity, now: Date): IdpSigningKey {
  const { notBefore, notAfter } = validityWindow(validity, now);
  return { ...createSelfSignedKeyPair({ commonName, organization: 'orgkit mock IdP', notBefore, notAfter }), notBefore, notAfter };
}
