import { createHmac } from 'node:crypto';
import { OAuthError } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import type { OrgState } from '../org.js';
import { liveMatches } from '../records/recordService.js';
import { verifyJwt, decodeJwt } from './jwtBearer.js';
import type { Session } from './sessions.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const identityUrl = (org: OrgState, userId: string): string => `${org.loginUrl}/id/${org.orgId}/${userId}`;

function tokenResponse(org: OrgState, session: Session, scope: string): RouteResponse {
  const id = identityUrl(org, session.userId);
  const issuedAt = String(session.issuedAt);
  return {
    status: 200,
    body: {
      access_token: session.accessToken,
      ...(session.refreshToken ? { refresh_token: session.refreshToken } : {}),
      signature: createHmac('sha256', org.connectedApp.clientSecret).update(id + issuedAt).digest('base64'),
      scope,
      instance_url: org.instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    },
  };
}

function activeUserId(org: OrgState, username: string): string | undefined {
  const user = liveMatches({ org }, 'User', 'Username', username)[0];
  return user && user.IsActive !== false ? (user.Id as string) : undefined;
}

/** Only the org's own connected app exists; any other client id is unknown. */
function requireClient(org: OrgState, clientId: string | null | undefined): void {
  if (clientId !== org.connectedApp.clientId) throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
}

function token(ctx: RequestContext): RouteResponse {
  const { org } = ctx;
  const params = ctx.form ?? new URLSearchParams();
  const grantType = params.get('grant_type');
  switch (grantType) {
    case JWT_GRANT: {
      const assertion = params.get('assertion') ?? '';
      requireClient(org, decodeJwt(assertion).claims.iss);
      const claims = verifyJwt(assertion, org.connectedApp.certificatePem, [org.loginUrl, org.instanceUrl, 'https://login.salesforce.com', 'https://test.salesforce.com'], org.now().getTime());
      const userId = activeUserId(org, claims.sub);
      if (!userId) throw new OAuthError(400, 'invalid_grant', "user hasn't approved this consumer");
      return tokenResponse(org, org.sessions.issue(userId, claims.iss, { withRefreshToken: false }), 'api');
    }
    case 'client_credentials': {
      requireClient(org, params.get('client_id'));
      if (params.get('client_secret') !== org.connectedApp.clientSecret) throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
      return tokenResponse(org, org.sessions.issue(org.connectedApp.runAsUserId, org.connectedApp.clientId, { withRefreshToken: false }), 'api');
    }
    case 'refresh_token': {
      requireClient(org, params.get('client_id'));
      const secret = params.get('client_secret');
      if (secret !== null && secret !== org.connectedApp.clientSecret) throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
      const owner = org.sessions.refresh(params.get('refresh_token') ?? '');
      if (!owner) throw new OAuthError(400, 'invalid_grant', 'expired access/refresh token');
      return tokenResponse(org, org.sessions.issue(owner.userId, owner.clientId, { withRefreshToken: false }), 'api refresh_token');
    }
    case 'password': {
      requireClient(org, params.get('client_id'));
      if (params.get('client_secret') !== org.connectedApp.clientSecret) throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
      const user = org.users.find((u) => u.username.toLowerCase() === (params.get('username') ?? '').toLowerCase());
      if (!org.settings.usernamePasswordEnabled || !user || user.password !== params.get('password')) {
        throw new OAuthError(400, 'invalid_grant', 'authentication failure');
      }
      return tokenResponse(org, org.sessions.issue(user.id, org.connectedApp.clientId, { withRefreshToken: true }), 'api refresh_token');
    }
    default:
      throw new OAuthError(400, 'unsupported_grant_type', 'grant type not supported');
  }
}

/** OpenID Connect userinfo, the fields @salesforce/core and jsforce read. */
function identity(ctx: RequestContext, shape: 'userinfo' | 'id'): RouteResponse {
  const { org } = ctx;
  const userId = ctx.session!.userId;
  const user = org.store.byId(userId) ?? {};
  const base = `${org.instanceUrl}/services/data/v{version}`;
  const common = {
    user_id: userId,
    organization_id: org.orgId,
    preferred_username: user.Username,
    nickname: user.CommunityNickname ?? user.Alias,
    name: user.Name,
    email: user.Email,
    email_verified: true,
    given_name: user.FirstName,
    family_name: user.LastName,
    zoneinfo: user.TimeZoneSidKey,
    active: user.IsActive !== false,
    user_type: 'STANDARD',
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset: 0,
    urls: {
      enterprise: `${org.instanceUrl}/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`,
      metadata: `${org.instanceUrl}/services/Soap/m/{version}/${org.orgId.slice(0, 15)}`,
      rest: `${base}/`,
      sobjects: `${base}/sobjects/`,
      query: `${base}/query/`,
      profile: `${org.instanceUrl}/${userId}`,
    },
  };
  if (shape === 'userinfo') return { status: 200, body: { sub: identityUrl(org, userId), ...common } };
  return { status: 200, body: { id: identityUrl(org, userId), asserted_user: true, username: user.Username, display_name: user.Name, ...common } };
}

function revoke(ctx: RequestContext): RouteResponse {
  const tokenValue = ctx.form?.get('token') ?? ctx.query.get('token') ?? '';
  if (!ctx.org.sessions.revoke(tokenValue)) throw new OAuthError(400, 'unsupported_token_type', 'this token type is not supported');
  return { status: 200, raw: '' };
}

/** The OAuth 2.0 endpoints: token (JWT bearer, client credentials, refresh, password), userinfo, identity, revoke. */
export const oauthModule: RouteModule = {
  name: 'oauth',
  routes: [
    { method: 'POST', path: '/services/oauth2/token', auth: 'public', handler: token },
    { method: 'GET', path: '/services/oauth2/userinfo', auth: 'session', handler: (ctx) => identity(ctx, 'userinfo') },
    { method: 'POST', path: '/services/oauth2/userinfo', auth: 'session', handler: (ctx) => identity(ctx, 'userinfo') },
    { method: 'GET', path: '/id/:orgId/:userId', auth: 'session', handler: (ctx) => identity(ctx, 'id') },
    { method: 'POST', path: '/services/oauth2/revoke', auth: 'public', handler: revoke },
    { method: 'GET', path: '/services/oauth2/revoke', auth: 'public', handler: revoke },
  ],
};
