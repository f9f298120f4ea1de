import { SsoImportError } from '../idpMetadata/ssoImportError.js';

/** The URLs Salesforce derives for a SAML config, which the IdP admin types into the IdP. */
export interface SpUrls {
  /** Entity ID / Audience the IdP must put in its assertions. */
  entityId: string;
  /** Login URL = Assertion Consumer Service URL. */
  acsUrl: string;
  logoutUrl: string;
  oauthTokenEndpoint: string;
  /** True when My Domain or the org id were unknown and the URLs hold <MyDomain>/<OrgId> placeholders. */
  placeholders: boolean;
}

/** The My Domain base URL (https://acme.my.salesforce.com) from a name, host or URL. */
export function myDomainUrl(myDomain: string): string {
  const host = myDomain.trim().replace(/^https:\/\//i, '').replace(/\/+$/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(host)) {
    throw new SsoImportError('INVALID_OPTIONS', `--my-domain ${myDomain} is not a My Domain: give its name (acme), host (acme.my.salesforce.com) or URL (https://acme.my.salesforce.com).`);
  }
  return `https://${host.includes('.') ? host : `${host}.my.salesforce.com`}`;
}

/** The 15-character org id Salesforce puts in `?so=`. */
export function shortOrgId(orgId: string): string {
  if (!/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(orgId.trim())) {
    throw new SsoImportError('INVALID_OPTIONS', `--org-id ${orgId} is not an org id (15 or 18 characters starting 00D; Setup → Company Information shows it).`);
  }
  return orgId.trim().slice(0, 15);
}

export function spUrls(samlEntityId: string, myDomain?: string, orgId?: string): SpUrls {
  const base = myDomain ? myDomainUrl(myDomain) : 'https://<MyDomain>.my.salesforce.com';
  const so = orgId ? shortOrgId(orgId) : '<OrgId>';
  return {
    entityId: samlEntityId,
    acsUrl: `${base}?so=${so}`,
    logoutUrl: `${base}/services/auth/sp/saml2/logout`,
    oauthTokenEndpoint: `${base}/services/oauth2/token?so=${so}`,
    placeholders: !myDomain || !orgId,
  };
}
