import { DataCloudError } from '../errors.js';
import { createCoreTokenSource } from '@orgkit/org-auth';
import { exchangeToken } from './tokenExchange.js';
import type { CoreTokenSource, DataCloudAuthOptions, TenantToken, TokenProvider } from './types.js';

const DEFAULT_REFRESH_SKEW_SECONDS = 300;

/** Core token, then the exchange; a refused core token gets one fresh login before giving up. */
async function fetchTenantToken(core: CoreTokenSource, options: DataCloudAuthOptions): Promise<TenantToken> {
  const first = await exchangeToken(await core(false), options.dataspace, Date.now());
  if (first.kind === 'token') return first.token;
  const second = await exchangeToken(await core(true), options.dataspace, Date.now());
  if (second.kind === 'token') return second.token;
  const hint = options.core.kind === 'access-token' ? 'Give a fresh access token, or use JWT, client-credentials or sf-org auth so orgkit can log in again.' : 'Check that the user may use Data Cloud (cdp_ingest_api scope) and log in again.';
  throw new DataCloudError('TOKEN_EXCHANGE_FAILED', `The Data Cloud token exchange refused the core access token: ${second.reason}. ${hint}`, { status: 401 });
}

/**
 * Caches the tenant token, refreshes it `refreshSkewSeconds` before it expires (at most half its
 * lifetime early, so short-lived tokens aren't refetched on every call), one exchange at a time.
 */
export function createTokenProvider(options: DataCloudAuthOptions): TokenProvider {
  const core = createCoreTokenSource(options.core);
  const skewMs = (options.refreshSkewSeconds ?? DEFAULT_REFRESH_SKEW_SECONDS) * 1000;
  let cached: { token: TenantToken; refreshAt: number } | undefined;
  let inFlight: Promise<TenantToken> | undefined;

  return {
    get() {
      if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= fetchTenantToken(core, options)
        .then((token) => {
          const now = Date.now();
          cached = { token, refreshAt: token.expiresAt - Math.min(skewMs, (token.expiresAt - now) / 2) };
          return token;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    invalidate(accessToken) {
      if (cached?.token.accessToken === accessToken) cached = undefined;
    },
  };
}

/** Options or a ready provider: the streamer, bulk and delete helpers accept either. */
export const toTokenProvider = (auth: DataCloudAuthOptions | TokenProvider): TokenProvider => ('get' in auth && typeof auth.get === 'function' ? auth : createTokenProvider(auth as DataCloudAuthOptions));
