import type { RouteModule } from '../http/types.js';
import { requireVersion, versionList } from './apiVersion.js';

/** GET /services/data, the version's resource list, and /limits (DailyApiRequests counted by the router). */
export const dataModule: RouteModule = {
  name: 'data',
  routes: [
    { method: 'GET', path: '/services/data', auth: 'public', handler: () => ({ status: 200, body: versionList() }) },
    {
      method: 'GET',
      path: '/services/data/:version',
      auth: 'session',
      handler: (ctx) => {
        const base = `/services/data/v${requireVersion(ctx.params.version)}`;
        const names = ['sobjects', 'query', 'queryAll', 'composite', 'limits', 'apexrest'];
        return { status: 200, body: Object.fromEntries(names.map((n) => [n, n === 'apexrest' ? '/services/apexrest' : `${base}/${n}`])) };
      },
    },
    {
      method: 'GET',
      path: '/services/data/:version/limits',
      auth: 'session',
      handler: (ctx) => {
        requireVersion(ctx.params.version);
        const { max, used } = ctx.org.limits.dailyApiRequests;
        return {
          status: 200,
          body: {
            DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
            DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
            DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
            DataStorageMB: { Max: 1024, Remaining: 1024 },
            FileStorageMB: { Max: 1024, Remaining: 1024 },
          },
        };
      },
    },
  ],
};
