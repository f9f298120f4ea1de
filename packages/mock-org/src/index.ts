export { startMockOrgs, MockOrgError, type MockOrg, type MockOrgConfig, type MockOrgs, type StartMockOrgsOptions } from './startMockOrgs.js';
export { describeMockOrg, type MockOrgDescription } from './describeMockOrgs.js';
export type { RouteModule, Route, RequestContext, RouteResponse, Handler, SubRequest } from './http/types.js';
export type { OrgState, MockUser, ConnectedApp } from './org.js';
export type { ApexRestHandler, ApexRestRequest, ApexRestResponse, ApexRestRegistry } from './rest/apexRestRegistry.js';
export type { RecordStore } from './store/types.js';
export type { Session, SessionStore } from './auth/sessions.js';
export { SfApiError, OAuthError } from './errors.js';
export { idChecksum, isValidId, to18 } from './ids.js';
