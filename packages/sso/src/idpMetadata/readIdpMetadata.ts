import { parseXml, type XmlElement } from '@orgkit/checks/xml';
import { chooseSigningCertificate, readCertificate, type CertificateChoice } from './signingCertificate.js';
import { SsoImportError } from './ssoImportError.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What a SamlSsoConfig needs from an IdP's metadata. */
export interface IdpMetadata {
  /** The IdP's entityID: Salesforce's `issuer`. */
  entityId: string;
  loginUrl: string;
  /** True when the IdP offers no HTTP-POST SingleSignOnService, so Salesforce must use HTTP-Redirect. */
  redirectBinding: boolean;
  logoutUrl?: string;
  certificate: CertificateChoice;
}

export interface ReadIdpMetadataOptions {
  /** The entityID to use when the metadata describes several IdPs (a federation aggregate). */
  idpEntity?: string;
  /** "Now" for certificate validity; tests pass a fixed date. */
  now?: Date;
}

const mdChildren = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.uri === MD && c.name === name);
const attr = (el: XmlElement, name: string): string | undefined => el.attributes[name]?.value.trim();

/** Every EntityDescriptor, also those nested in (possibly nested) EntitiesDescriptors. */
function entityDescriptors(el: XmlElement): XmlElement[] {
  if (el.uri === MD && el.name === 'EntityDescriptor') return [el];
  if (el.uri === MD && el.name === 'EntitiesDescriptor') return el.children.flatMap(entityDescriptors);
  return [];
}

function parseMetadata(text: string, source: string): XmlElement {
  const parsed = parseXml(text);
  if (!parsed.ok) {
    const { kind, message, line, column } = parsed.problem;
    if (kind === 'doctype') {
      throw new SsoImportError('METADATA_DOCTYPE', `${source}:${line}:${column}: the metadata has a DOCTYPE, which orgkit refuses: entity declarations are how XML entity-expansion ("billion laughs") and external-entity (XXE) attacks work, and real IdP metadata never needs one. Download the metadata again from the IdP.`);
    }
    throw new SsoImportError('METADATA_MALFORMED', `${source}:${line}:${column}: the metadata is not well-formed XML (${message.replace(/\.$/, '')}). Download it again from the IdP; a truncated download or an HTML login page are the usual causes.`);
  }
  const root = parsed.root;
  if (root.uri !== MD || (root.name !== 'EntityDescriptor' && root.name !== 'EntitiesDescriptor')) {
    throw new SsoImportError('NOT_SAML_METADATA', `${source}: the root element is <${root.name}>, not a SAML 2.0 metadata <EntityDescriptor> or <EntitiesDescriptor> (namespace ${MD}). Give the IdP's federation metadata XML.`);
  }
  return root;
}

/** The one IdP entity to import: the only one with an IDPSSODescriptor, or the one --idp-entity names. */
function pickIdpEntity(root: XmlElement, source: string, idpEntity: string | undefined): XmlElement {
  const idps = entityDescriptors(root).filter((e) => mdChildren(e, 'IDPSSODescriptor').length > 0);
  const ids = idps.map((e) => attr(e, 'entityID') ?? '(no entityID)');
  if (idps.length === 0) {
    throw new SsoImportError('NO_IDP_DESCRIPTOR', `${source}: no <IDPSSODescriptor> found, so this is not an identity provider's metadata (an SP's, perhaps). Download the IdP (identity provider) metadata, e.g. Okta's "Identity Provider metadata" or Entra ID's "Federation Metadata XML".`);
  }
  if (idpEntity !== undefined) {
    const match = idps.find((e) => attr(e, 'entityID') === idpEntity);
    if (!match) throw new SsoImportError('IDP_ENTITY_NOT_FOUND', `${source}: no IdP with entityID ${idpEntity}. The IdPs in this metadata: ${ids.join(', ')}.`);
    return match;
  }
  if (idps.length > 1) {
    throw new SsoImportError('MULTIPLE_IDPS', `${source} describes ${idps.length} identity providers: ${ids.join(', ')}. Choose one with --idp-entity <entityID>.`);
  }
  return idps[0]!;
}

/** The IDPSSODescriptor that speaks SAML 2.0, the only version Salesforce's SamlSsoConfig here supports. */
function saml2Descriptor(entity: XmlElement, entityId: string): XmlElement {
  const descriptors = mdChildren(entity, 'IDPSSODescriptor');
  const saml2 = descriptors.find((d) => (attr(d, 'protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL));
  if (!saml2) {
    const offered = [...new Set(descriptors.flatMap((d) => (attr(d, 'protocolSupportEnumeration') ?? '').split(/\s+/).filter(Boolean)))];
    throw new SsoImportError('SAML2_NOT_SUPPORTED', `The IdP ${entityId} supports only ${offered.join(', ') || 'no declared protocol'}, not SAML 2.0 (${SAML2_PROTOCOL}). Enable SAML 2.0 for this application at the IdP and download its metadata again.`);
  }
  return saml2;
}

function endpoint(descriptor: XmlElement, name: string, binding: string): string | undefined {
  return mdChildren(descriptor, name).find((s) => attr(s, 'Binding') === binding && attr(s, 'Location'))?.attributes.Location?.value.trim();
}

/** Certificates of the KeyDescriptors Salesforce can verify responses with: use="signing" or no use at all. */
function signingCertificateTexts(descriptor: XmlElement): string[] {
  const texts: string[] = [];
  const collect = (el: XmlElement): void => {
    if (el.uri === DS && el.name === 'X509Certificate') texts.push(el.text);
    else el.children.forEach(collect);
  };
  for (const key of mdChildren(descriptor, 'KeyDescriptor')) {
    const use = attr(key, 'use');
    if (use === undefined || use === 'signing') collect(key);
  }
  return texts.filter((t) => t.trim() !== '');
}

/**
 * Reads IdP metadata (EntityDescriptor or EntitiesDescriptor) as Okta, Entra ID, ADFS, Ping,
 * Keycloak, Google Workspace or Shibboleth publish it. Parsed with @orgkit/checks' parser, which
 * refuses any DOCTYPE, so entity expansion and external entities cannot happen.
 */
export function readIdpMetadata(text: string, source: string, options: ReadIdpMetadataOptions = {}): IdpMetadata {
  const root = parseMetadata(text, source);
  const entity = pickIdpEntity(root, source, options.idpEntity);
  const entityId = attr(entity, 'entityID');
  if (!entityId) throw new SsoImportError('NOT_SAML_METADATA', `${source}: the IdP's <EntityDescriptor> has no entityID, which Salesforce needs as the Issuer. Download the metadata again from the IdP.`);
  const descriptor = saml2Descriptor(entity, entityId);

  const post = endpoint(descriptor, 'SingleSignOnService', POST);
  const redirect = endpoint(descriptor, 'SingleSignOnService', REDIRECT);
  const loginUrl = post ?? redirect;
  if (!loginUrl) {
    throw new SsoImportError('NO_LOGIN_URL', `The IdP ${entityId} has no SingleSignOnService with the HTTP-POST or HTTP-Redirect binding, the two Salesforce can send a request with. Enable one of them at the IdP.`);
  }
  // Salesforce sends the user to the logout URL with a plain browser redirect, so Redirect binding first.
  const logoutUrl = endpoint(descriptor, 'SingleLogoutService', REDIRECT) ?? endpoint(descriptor, 'SingleLogoutService', POST);

  const texts = signingCertificateTexts(descriptor);
  if (texts.length === 0) {
    throw new SsoImportError('NO_SIGNING_CERT', `The IdP ${entityId} lists no signing certificate (a <KeyDescriptor use="signing"> or one without "use", holding an <X509Certificate>) in its IDPSSODescriptor: Salesforce could not verify any login. Ask the IdP admin for metadata that includes the signing certificate.`);
  }
  const certificate = chooseSigningCertificate(texts.map(readCertificate), options.now ?? new Date());
  return { entityId, loginUrl, redirectBinding: post === undefined, ...(logoutUrl ? { logoutUrl } : {}), certificate };
}
