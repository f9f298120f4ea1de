import { X509Certificate } from 'node:crypto';
import { SsoImportError } from './ssoImportError.js';

/** One signing certificate from the IdP metadata, as Salesforce's <validationCert> wants it. */
export interface SigningCertificate {
  /** Base64 DER, no PEM armour, no whitespace. */
  base64: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint (AA:BB:…), to compare with what the IdP admin sees. */
  fingerprint256: string;
}

export interface CertificateChoice {
  chosen: SigningCertificate;
  /** Every distinct signing certificate the metadata lists, in document order. */
  candidates: SigningCertificate[];
  /** Why `chosen` won, in a sentence for the person running the import. */
  reason: string;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** Parses the text of a <ds:X509Certificate> (base64 DER, often wrapped over lines). */
export function readCertificate(text: string): SigningCertificate {
  const base64 = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    throw new SsoImportError('CERT_UNREADABLE', `A signing certificate in the metadata is not a base64 DER X.509 certificate (starts "${base64.slice(0, 16)}…"). Download the metadata again from the IdP.`);
  }
  return {
    base64: cert.raw.toString('base64'),
    subject: cert.subject.replace(/\n/g, ', '),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
  };
}

/**
 * Picks the certificate Salesforce should trust: among those valid now, the one that expires
 * last. During a rollover (Entra ID lists the current and the next certificate) this is the
 * one that keeps logins working longest; an expired or not-yet-valid one would fail every login.
 */
export function chooseSigningCertificate(candidates: SigningCertificate[], now: Date): CertificateChoice {
  const distinct = candidates.filter((c, i) => candidates.findIndex((o) => o.base64 === c.base64) === i);
  const valid = distinct.filter((c) => c.notBefore <= now && now < c.notAfter);
  const expired = distinct.filter((c) => c.notAfter <= now);
  const future = distinct.filter((c) => c.notBefore > now);
  if (valid.length === 0) {
    if (future.length === 0) {
      const dates = expired.map((c) => `${c.subject} expired ${day(c.notAfter)}`).join('; ');
      throw new SsoImportError('CERTS_EXPIRED', `Every signing certificate in the metadata has expired (${dates}): Salesforce would reject every login. Ask the IdP admin to renew the signing certificate, then import the new metadata.`);
    }
    const dates = future.map((c) => `${c.subject} valid from ${day(c.notBefore)}`).join('; ');
    throw new SsoImportError('NO_VALID_CERT', `No signing certificate in the metadata is valid today (${dates}${expired.length ? `; ${expired.length} expired` : ''}). Import again once the IdP's certificate is active.`);
  }
  const chosen = valid.reduce((best, c) => (c.notAfter > best.notAfter ? c : best));
  const skipped = [
    ...expired.map((c) => `${c.subject} expired ${day(c.notAfter)}`),
    ...future.map((c) => `${c.subject} not valid until ${day(c.notBefore)}`),
    ...valid.filter((c) => c !== chosen).map((c) => `${c.subject} expires earlier, ${day(c.notAfter)}`),
  ];
  const reason =
    distinct.length === 1
      ? 'the only signing certificate in the metadata'
      : valid.length === 1
        ? `the only one of ${distinct.length} signing certificates valid today; not chosen: ${skipped.join('; ')}`
        : `the latest expiry of the ${valid.length} signing certificates valid today (${distinct.length} listed); not chosen: ${skipped.join('; ')}`;
  return { chosen, candidates: distinct, reason };
}
