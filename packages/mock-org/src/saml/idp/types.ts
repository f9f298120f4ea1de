/** Which parts of a SAML Response carry an XML signature. */
export type SamlSigning = 'assertion' | 'response' | 'both' | 'none';

/** A person who can log in at the mock IdP. */
export interface MockIdpUser {
  /** What the IdP asserts as the Subject NameID (the Salesforce Federation ID by default). */
  nameId: string;
  password: string;
  /** Also accepted as the login name on the form. */
  email?: string;
  /** Sent in the AttributeStatement; a string or several values per attribute name. */
  attributes?: Record<string, string | string[]>;
}

/** A service provider the IdP answers: its entity id and where its ACS receives responses. */
export interface TrustedServiceProvider {
  entityId: string;
  acsUrl: string;
}

/** The signing certificate's validity; an absolute window wins over daysValid. */
export interface IdpCertificateValidity {
  notBefore?: Date;
  notAfter?: Date;
  /** Days from now (the IdP's clock) to notAfter; default 365. Negative makes an expired certificate. */
  daysValid?: number;
}

export interface MockIdpOptions {
  users?: MockIdpUser[];
  /** Default: the IdP's own base URL. */
  entityId?: string;
  certificate?: IdpCertificateValidity;
  serviceProviders?: TrustedServiceProvider[];
  /** Default 'both'. */
  signing?: SamlSigning;
  /** NameID Format; default urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified. */
  nameIdFormat?: string;
  /** How long an assertion stays valid after it is issued; default 300. */
  assertionLifetimeSeconds?: number;
  now?: () => Date;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Everything createResponse can bend, so negative tests get a validly signed response that is wrong in one way. */
export interface CreateResponseOptions {
  /** The SP's entity id (must be trusted) or the SP itself (need not be). */
  sp: string | TrustedServiceProvider;
  nameId: string;
  inResponseTo?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** Default: the SP's entity id. */
  audience?: string;
  /** Default: the SP's ACS URL (also the Response's Destination). */
  recipient?: string;
  /** Default: the IdP's entity id. */
  issuer?: string;
  attributes?: Record<string, string | string[]>;
  /** Default: the IdP's signing option. */
  sign?: SamlSigning;
  nameIdFormat?: string;
}

/** A SAML Response as built: the XML, and base64 as the SAMLResponse form field carries it. */
export interface CreatedSamlResponse {
  xml: string;
  samlResponse: string;
  responseId: string;
  assertionId: string;
}

export interface MockIdp {
  /** Base URL, e.g. http://127.0.0.1:5xxxx */
  url: string;
  entityId: string;
  metadataUrl: string;
  /** SingleSignOnService (HTTP-Redirect and HTTP-POST). */
  ssoUrl: string;
  sloUrl: string;
  /** The signing certificate, PEM. */
  certificatePem: string;
  /** The same certificate as base64 DER (what a SamlSsoConfig's validationCert holds). */
  certificateBase64: string;
  certificateValidity: { notBefore: Date; notAfter: Date };
  /** The IdP's metadata document. */
  metadata(): string;
  addServiceProvider(sp: TrustedServiceProvider): void;
  addUser(user: MockIdpUser): void;
  createResponse(options: CreateResponseOptions): CreatedSamlResponse;
  close(): Promise<void>;
}
