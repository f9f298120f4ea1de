import type { MockIdp } from './idp/types.js';
import type { MockOrgSaml } from './sp/samlServiceProvider.js';
import type { SamlSsoConfig } from './sp/samlSsoConfig.js';

/**
 * Makes a mock IdP and an org trust each other, as an admin does in Setup and the IdP's console:
 * the org turns SAML Enabled on and gets a SamlSsoConfig for the IdP (Federation ID in the Subject NameID), the IdP the org's
 * entity id and ACS URL. The org's entity id is its instance URL, as Salesforce defaults it to the
 * My Domain URL.
 */
export function connectMockIdp(idp: MockIdp, org: { instanceUrl: string; saml: MockOrgSaml }, name = 'Mock_IdP'): SamlSsoConfig {
  const config: SamlSsoConfig = {
    name,
    issuer: idp.entityId,
    loginUrl: idp.ssoUrl,
    redirectBinding: true,
    samlEntityId: org.instanceUrl,
    identityMapping: 'FederationId',
    identityLocation: 'SubjectNameId',
    validationCert: idp.certificateBase64,
  };
  org.saml.setEnabled(true);
  org.saml.register(config);
  idp.addServiceProvider({ entityId: config.samlEntityId, acsUrl: org.saml.acsUrl() });
  return config;
}
