export { runSsoCheck, type SsoCheckOptions, type SsoCheckResult } from './runSsoCheck.js';
export { assertBreakGlassAdmin } from './breakGlassAdmin.js';
export { orgConnection } from './orgConnection.js';
export { SsoCheckError } from './ssoCheckError.js';
export { IDP_ID_HEADERS } from './idpUsers.js';
export type { SsoFinding, SsoSeverity, SsoCheckName } from './findings.js';
export type { CertificateStatus } from './certificateCheck.js';
