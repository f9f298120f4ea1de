import { parseXml, type XmlElement } from '@orgkit/checks/xml';

/** One SAML single sign-on setting as the org holds it (the fields the SP side needs). */
export interface SamlSsoConfig {
  /** The config's API name (the file name before .samlssoconfig-meta.xml). */
  name: string;
  /** The IdP's entity id: Issuer of every accepted response. */
  issuer: string;
  /** The IdP's login URL; without it only IdP-initiated logins work. */
  loginUrl?: string;
  /** true: AuthnRequests go by HTTP-Redirect; false: by HTTP-POST. */
  redirectBinding: boolean;
  /** The org's entity id: the audience every assertion must name. */
  samlEntityId: string;
  identityMapping: 'FederationId' | 'Username' | 'UserId';
  identityLocation: 'SubjectNameId' | 'Attribute';
  /** The attribute carrying the identity when identityLocation is Attribute. */
  attributeName?: string;
  /** The IdP's signing certificate, base64 DER without PEM armour. */
  validationCert: string;
}

export class SamlSsoConfigError extends Error {
  readonly code = 'SAML_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SamlSsoConfigError';
  }
}

const MAPPINGS = ['FederationId', 'Username', 'UserId'] as const;
const LOCATIONS = ['SubjectNameId', 'Attribute'] as const;

/** Checks a config given at runtime or read from source; `where` names it in messages. */
export function validateSamlSsoConfig(config: SamlSsoConfig, where = `SamlSsoConfig ${config.name}`): SamlSsoConfig {
  const missing = (['name', 'issuer', 'samlEntityId', 'validationCert'] as const).filter((k) => !config[k]?.trim());
  if (missing.length) throw new SamlSsoConfigError(`${where} has no ${missing.join(', ')}: add them.`);
  if (!MAPPINGS.includes(config.identityMapping)) throw new SamlSsoConfigError(`${where}: identityMapping must be one of ${MAPPINGS.join(', ')}.`);
  if (!LOCATIONS.includes(config.identityLocation)) throw new SamlSsoConfigError(`${where}: identityLocation must be one of ${LOCATIONS.join(', ')}.`);
  if (config.identityLocation === 'Attribute' && !config.attributeName?.trim()) throw new SamlSsoConfigError(`${where}: identityLocation Attribute needs attributeName.`);
  const cert = config.validationCert.replace(/\s+/g, '');
  if (cert.includes('-') || !/^[A-Za-z0-9+/]+={0,2}$/.test(cert)) throw new SamlSsoConfigError(`${where}: validationCert must be base64 DER without PEM armour.`);
  return { ...config, validationCert: cert };
}

const text = (root: XmlElement, name: string): string | undefined => root.children.find((c) => c.name === name)?.text.trim() || undefined;

/** Reads a `<Name>.samlssoconfig-meta.xml` file's text. */
export function parseSamlSsoConfigXml(xml: string, name: string, where: string): SamlSsoConfig {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new SamlSsoConfigError(`${where}:${parsed.problem.line}: ${parsed.problem.message}`);
  const root = parsed.root;
  if (root.name !== 'SamlSsoConfig') throw new SamlSsoConfigError(`${where}: the root element is ${root.name}, not SamlSsoConfig.`);
  const loginUrl = text(root, 'loginUrl');
  const attributeName = text(root, 'attributeName');
  return validateSamlSsoConfig(
    {
      name,
      issuer: text(root, 'issuer') ?? '',
      ...(loginUrl ? { loginUrl } : {}),
      redirectBinding: text(root, 'redirectBinding') === 'true',
      samlEntityId: text(root, 'samlEntityId') ?? '',
      identityMapping: (text(root, 'identityMapping') ?? 'FederationId') as SamlSsoConfig['identityMapping'],
      identityLocation: (text(root, 'identityLocation') ?? 'SubjectNameId') as SamlSsoConfig['identityLocation'],
      ...(attributeName ? { attributeName } : {}),
      validationCert: text(root, 'validationCert') ?? '',
    },
    where,
  );
}
