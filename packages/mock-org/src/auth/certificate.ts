import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** An RSA key pair and a self-signed certificate for a connected app, all PEM. */
export interface AppKeyPair {
  privateKeyPem: string;
  certificatePem: string;
}

/** A key pair with its self-signed certificate, also as base64 DER (what SAML metadata and SamlSsoConfig hold). */
export interface SelfSignedKeyPair extends AppKeyPair {
  certificateBase64: string;
}

/**
 * node:crypto makes the key (fast, native); node-forge only builds and signs the X.509
 * certificate, which node:crypto cannot do.
 */
export function createSelfSignedKeyPair(options: { commonName: string; organization: string; notBefore: Date; notAfter: Date }): SelfSignedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial: the leading 0 keeps the DER integer's sign bit clear.
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  const subject = [{ name: 'commonName', value: options.commonName }, { name: 'organizationName', value: options.organization }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(cert), certificateBase64: forge.util.encode64(der) };
}

/** The connected app's key pair: valid for a year from now. */
export function createAppKeyPair(commonName: string): AppKeyPair {
  const { privateKeyPem, certificatePem } = createSelfSignedKeyPair({
    commonName,
    organization: 'orgkit mock org',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 365 * 24 * 3600_000),
  });
  return { privateKeyPem, certificatePem };
}
