import type { RouteModule } from '../http/types.js';
import type { RateLimiter } from './rateLimiter.js';
import { DataCloudApiError } from './tenantErrors.js';
import type { TenantState } from './tenantState.js';

const REJECTED = new Set([400, 404, 409, 413]);

/**
 * Every ingestion route passes here after faults and authentication: it is counted, held to the
 * tenant's requests per second (429 + Retry-After: 1), and its refusals are counted.
 */
export function gateIngestion(module: RouteModule, tenant: TenantState, limiter: RateLimiter): RouteModule {
  return {
    name: module.name,
    routes: module.routes.map((route) => ({
      ...route,
      handler: async (ctx) => {
        tenant.stats.requests++;
        if (!limiter.tryTake()) {
          tenant.stats.throttled++;
          throw new DataCloudApiError(429, 'TOO_MANY_REQUESTS', `Too many requests: the tenant takes ${tenant.settings.requestsPerSecond} a second. Retry after the Retry-After seconds.`, undefined, { 'retry-after': '1' });
        }
        try {
          return await route.handler(ctx);
        } catch (err) {
          if (err instanceof DataCloudApiError && REJECTED.has(err.status)) tenant.stats.rejected++;
          throw err;
        }
      },
    })),
  };
}
