export type SsoImportErrorCode =
  | 'INVALID_OPTIONS'
  | 'METADATA_UNREADABLE'
  | 'METADATA_MALFORMED'
  | 'METADATA_DOCTYPE'
  | 'NOT_SAML_METADATA'
  | 'NO_IDP_DESCRIPTOR'
  | 'MULTIPLE_IDPS'
  | 'IDP_ENTITY_NOT_FOUND'
  | 'SAML2_NOT_SUPPORTED'
  | 'NO_LOGIN_URL'
  | 'NO_SIGNING_CERT'
  | 'CERT_UNREADABLE'
  | 'CERTS_EXPIRED'
  | 'NO_VALID_CERT'
  | 'METADATA_URL_INVALID'
  | 'METADATA_URL_INSECURE'
  | 'METADATA_FETCH_FAILED'
  | 'METADATA_FETCH_TIMEOUT'
  | 'METADATA_TOO_LARGE';

/** Why IdP metadata could not become a SamlSsoConfig; the message says what to do about it. */
export class SsoImportError extends Error {
  constructor(
    readonly code: SsoImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SsoImportError';
  }
}
