export { importSamlSsoConfig, DEFAULT_OUT_DIR, IDENTITY_OPTIONS, PLACEHOLDER_SP_ENTITY_ID, type IdentityOption, type ImportSamlSsoConfigOptions, type ImportSamlSsoConfigResult } from './samlSsoConfig/importSamlSsoConfig.js';
export { renderSamlSsoConfig, type SamlSsoConfigFields } from './samlSsoConfig/renderSamlSsoConfig.js';
export { developerNameFor } from './samlSsoConfig/developerName.js';
export { spUrls, type SpUrls } from './samlSsoConfig/spUrls.js';
export { readIdpMetadata, type IdpMetadata, type ReadIdpMetadataOptions } from './idpMetadata/readIdpMetadata.js';
export type { CertificateChoice, SigningCertificate } from './idpMetadata/signingCertificate.js';
export { SsoImportError, type SsoImportErrorCode } from './idpMetadata/ssoImportError.js';
export { fetchMetadata, FETCH_DEFAULTS, type FetchMetadataOptions } from './fetchMetadata.js';
export * from './check/index.js';
