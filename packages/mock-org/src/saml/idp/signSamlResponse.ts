import { SignedXml } from 'xml-crypto';
import type { SamlSigning } from './types.js';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

/** Signs one element by ID (enveloped, RSA-SHA256, exclusive c14n), the signature right after its Issuer as the schema requires. */
function signElement(xml: string, element: 'Response' | 'Assertion', key: { privateKeyPem: string; certificatePem: string }): string {
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({
    xpath: `//*[local-name(.)='${element}' and namespace-uri(.)='urn:oasis:names:tc:SAML:2.0:${element === 'Response' ? 'protocol' : 'assertion'}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC_C14N],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `//*[local-name(.)='${element}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}

/** The assertion is signed first so that, with 'both', the Response signature covers the signed assertion. */
export function signSamlResponse(xml: string, signing: SamlSigning, key: { privateKeyPem: string; certificatePem: string }): string {
  let out = xml;
  if (signing === 'assertion' || signing === 'both') out = signElement(out, 'Assertion', key);
  if (signing === 'response' || signing === 'both') out = signElement(out, 'Response', key);
  return out;
}
