import { BINDING_POST, BINDING_REDIRECT, escapeXml, NAMEID_UNSPECIFIED, SAML_METADATA, XMLDSIG } from './samlXml.js';

export interface IdpMetadataFields {
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  certificateBase64: string;
  nameIdFormat?: string;
}

/** The IdP's EntityDescriptor, in the shape Okta and Keycloak publish; the certificate's own dates carry its validity. */
export function idpMetadata(f: IdpMetadataFields): string {
  const location = (binding: string, url: string): string => `Binding="${binding}" Location="${escapeXml(url)}"`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<md:EntityDescriptor xmlns:md="${SAML_METADATA}" xmlns:ds="${XMLDSIG}" entityID="${escapeXml(f.entityId)}">\n` +
    '  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n' +
    '    <md:KeyDescriptor use="signing">\n' +
    `      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${f.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n` +
    '    </md:KeyDescriptor>\n' +
    `    <md:SingleLogoutService ${location(BINDING_REDIRECT, f.sloUrl)}/>\n` +
    `    <md:SingleLogoutService ${location(BINDING_POST, f.sloUrl)}/>\n` +
    `    <md:NameIDFormat>${escapeXml(f.nameIdFormat ?? NAMEID_UNSPECIFIED)}</md:NameIDFormat>\n` +
    `    <md:SingleSignOnService ${location(BINDING_REDIRECT, f.ssoUrl)}/>\n` +
    `    <md:SingleSignOnService ${location(BINDING_POST, f.ssoUrl)}/>\n` +
    '  </md:IDPSSODescriptor>\n' +
    '</md:EntityDescriptor>\n'
  );
}
