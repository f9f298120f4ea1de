/** SamlSsoConfig fields orgkit writes; never org-bound ones (requestSigningCertId, salesforceLoginUrl, oauthTokenEndpoint, executionUserId). */
export interface SamlSsoConfigFields {
  /** The label (Setup's "Name"). */
  name: string;
  issuer: string;
  identityLocation: 'SubjectNameId' | 'Attribute';
  /** Required when identityLocation is Attribute. */
  attributeName?: string;
  identityMapping: 'FederationId' | 'Username' | 'UserId';
  loginUrl: string;
  logoutUrl?: string;
  redirectBinding: boolean;
  samlEntityId: string;
  validationCert: string;
}

/** The repo's prettier printWidth (prettier's default). */
const PRINT_WIDTH = 80;

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The -meta.xml text, formatted as prettier (the repo's formatting check) leaves it. */
export function renderSamlSsoConfig(fields: SamlSsoConfigFields): string {
  // <name> first, then alphabetical: the order Salesforce uses when it retrieves a SamlSsoConfig.
  const elements: [string, string | boolean | undefined][] = [
    ['name', fields.name],
    ['attributeName', fields.identityLocation === 'Attribute' ? fields.attributeName : undefined],
    ['identityLocation', fields.identityLocation],
    ['identityMapping', fields.identityMapping],
    ['issuer', fields.issuer],
    ['loginUrl', fields.loginUrl],
    ['logoutUrl', fields.logoutUrl],
    ['redirectBinding', fields.redirectBinding],
    ['samlEntityId', fields.samlEntityId],
    ['samlVersion', 'SAML2_0'],
    ['validationCert', fields.validationCert],
  ];
  const body = elements
    .filter((e): e is [string, string | boolean] => e[1] !== undefined)
    .map(([tag, value]) => {
      const line = `    <${tag}>${escapeXml(String(value))}</${tag}>`;
      // prettier's XML plugin breaks a too-long element before the `>` of its start tag.
      return line.length > PRINT_WIDTH ? `    <${tag}\n    >${escapeXml(String(value))}</${tag}>` : line;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<SamlSsoConfig xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</SamlSsoConfig>\n`;
}
