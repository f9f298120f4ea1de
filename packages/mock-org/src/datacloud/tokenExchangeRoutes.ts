import { OAuthError } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import type { TenantTokenStore } from './tenantTokens.js';

const CDP_GRANT = 'urn:salesforce:grant-type:external:cdp';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface TokenExchangeOptions {
  tokens: TenantTokenStore;
  /** Read at request time: the tenant's port is known only once it listens. */
  tenantUrl: () => string;
  ttlSeconds: number;
  dataspaces: readonly string[];
  instanceUrlWithoutScheme: boolean;
}

/**
 * `POST /services/a360/token` on the org's core URL: trades a live core access token of this org
 * for a tenant token and the tenant's URL. The tenant's own server does not serve it.
 */
export function createTokenExchangeModule(options: TokenExchangeOptions): RouteModule {
  function exchange(ctx: RequestContext): RouteResponse {
    const form = ctx.form ?? new URLSearchParams();
    if (form.get('grant_type') !== CDP_GRANT) throw new OAuthError(400, 'unsupported_grant_type', `grant_type must be ${CDP_GRANT}`);
    const subject = form.get('subject_token');
    if (!subject) throw new OAuthError(400, 'invalid_request', 'subject_token is required: pass the core access token');
    if (form.get('subject_token_type') !== ACCESS_TOKEN_TYPE) throw new OAuthError(400, 'invalid_request', `subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
    const dataspace = form.get('dataspace') ?? 'default';
    if (!options.dataspaces.includes(dataspace)) {
      throw new OAuthError(400, 'invalid_request', `unknown dataspace ${dataspace}; this tenant has ${options.dataspaces.join(', ')}`);
    }
    const core = ctx.org.sessions.get(subject);
    if (!core) throw new OAuthError(401, 'invalid_grant', 'expired access/refresh token');
    const session = options.tokens.issue(core, dataspace);
    const url = options.tenantUrl();
    return {
      status: 200,
      body: {
        access_token: session.accessToken,
        instance_url: options.instanceUrlWithoutScheme ? url.replace(/^https?:\/\//, '') : url,
        token_type: 'Bearer',
        issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        expires_in: options.ttlSeconds,
      },
    };
  }
  return { name: 'datacloud-token-exchange', routes: [{ method: 'POST', path: '/services/a360/token', auth: 'public', handler: exchange }] };
}
