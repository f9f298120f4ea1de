export type { CoreAuth } from './coreAuth.js';
export { OrgAuthError, type OrgAuthErrorCode } from './orgAuthError.js';
export { ENV as ORG_AUTH_ENV, DEFAULT_LOGIN_URL } from './orgAuthEnv.js';
export { addOrgAuthOptions, ORG_AUTH_HELP } from './orgAuthOptions.js';
export { resolveCoreAuth, type OrgAuthFlags } from './resolveCoreAuth.js';
export { createCoreTokenSource } from './coreLogin.js';
export type { CoreToken, CoreTokenSource } from './coreToken.js';
export { readPrivateKey, signJwtAssertion } from './jwtAssertion.js';
