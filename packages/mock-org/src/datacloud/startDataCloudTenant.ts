import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { createMockServer } from '../http/createMockServer.js';
import type { AddressInfo } from 'node:net';
import { loadConnectorSchema, parseConnectorSchema, type ConnectorSchema } from '@orgkit/datacloud-schema';
import type { FaultInjector } from '../faults/faultInjector.js';
import { createRouter } from '../http/router.js';
import type { RouteModule } from '../http/types.js';
import type { OrgState } from '../org.js';
import { createBulkJobStore } from './bulkJobs.js';
import { createBulkModule } from './bulkRoutes.js';
import { createConnectorRegistry } from './connectors.js';
import { runDloQuery } from './dloQuery.js';
import { createDloStore } from './dloStore.js';
import { gateIngestion } from './ingestGate.js';
import { createLandingQueue } from './landingQueue.js';
import { createQueryApiModule } from './queryApiRoutes.js';
import { createRateLimiter } from './rateLimiter.js';
import { openTenantDatabase } from './tenantDatabase.js';
import { createTenantErrorRenderer, DataCloudApiError, DataCloudConfigError, DataCloudQueryError } from './tenantErrors.js';
import { createTenantTokenStore } from './tenantTokens.js';
import { resolveTenantSettings, type TenantState } from './tenantState.js';
import { createTokenExchangeModule } from './tokenExchangeRoutes.js';
import type { ConnectorConfig, DataCloudTenantConfig, MockDataCloud } from './types.js';
import { createStreamingModule } from './streamingRoutes.js';

export interface StartTenantOptions {
  org: OrgState;
  faults: FaultInjector;
  config: DataCloudTenantConfig;
  host: string;
  /** `<dataDir>/<org-slug>-datacloud.sqlite`; absent: memory. */
  file?: string;
}

export interface RunningTenant {
  api: MockDataCloud;
  /** `POST /services/a360/token` for the org's own server. */
  exchangeModule: RouteModule;
  close(): Promise<void>;
}

function loadSchema(connector: ConnectorConfig): ConnectorSchema {
  if (typeof connector.schema === 'string') return loadConnectorSchema(connector.schema);
  if (typeof connector.schema?.yaml === 'string') return parseConnectorSchema(connector.schema.yaml, `connector ${connector.name}`);
  throw new DataCloudConfigError(`connector ${connector.name}: schema must be a YAML file path or { yaml: "…" }.`);
}

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/**
 * Starts an org's Data Cloud tenant: its data lake (SQLite), connectors, and its own HTTP server
 * with its own tokens. The org's fault rules apply to it, matched by the tenant's paths.
 */
export async function startDataCloudTenant(options: StartTenantOptions): Promise<RunningTenant> {
  const { org, config } = options;
  const settings = resolveTenantSettings(config);
  // Stable across restarts (the org id is), and shaped like the real ones.
  const tenantId = `a360/mock/${createHash('sha256').update(org.orgId).digest('hex').slice(0, 32)}`;
  const db = openTenantDatabase(options.file);
  try {
    const dlo = createDloStore(db);
    const tenant: TenantState = {
      tenantId,
      settings,
      connectors: createConnectorRegistry(dlo),
      dlo,
      landing: createLandingQueue(settings.processingDelayMs),
      stats: { requests: 0, accepted: 0, throttled: 0, rejected: 0 },
      now: org.now,
    };
    for (const connector of config.connectors ?? []) tenant.connectors.register(connector.name, loadSchema(connector), connector.streams);

    const tokens = createTenantTokenStore(tenantId, settings.tokenTtlSeconds * 1000, org.now);
    // Wall time, not the org's clock: a test that pins the clock would otherwise be throttled for good.
    const limiter = createRateLimiter(settings.requestsPerSecond);
    const modules = [
      gateIngestion(createStreamingModule(tenant), tenant, limiter),
      gateIngestion(createBulkModule(tenant, createBulkJobStore(tenant)), tenant, limiter),
      createQueryApiModule(db, org.now),
    ];
    const { listener } = createRouter(org, modules, {
      faults: options.faults,
      sessions: tokens,
      renderError: createTenantErrorRenderer(tenantId),
      maxBodyBytes: Math.max(settings.maxBodyBytes, settings.maxCsvBytes),
    });
    const server = createMockServer(listener);
    const port = await listen(server, config.port ?? 0, options.host);
    const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
    const tenantUrl = `http://${urlHost}:${port}`;

    const api: MockDataCloud = {
      tenantUrl,
      tenantId,
      registerConnector: (name, yamlText, streams) => tenant.connectors.register(name, parseConnectorSchema(yamlText, `connector ${name}`), streams),
      query(sql) {
        try {
          const { columns, rows } = runDloQuery(db, sql);
          return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]])));
        } catch (err) {
          // Callers in code get the words the Query API would answer, with a code.
          throw err instanceof DataCloudApiError ? new DataCloudQueryError(err.message) : err;
        }
      },
      stats: () => ({ ...tenant.stats }),
      expireTokens: () => tokens.expireAll(),
      settled: () => tenant.landing.settled(),
    };
    return {
      api,
      exchangeModule: createTokenExchangeModule({ tokens, tenantUrl: () => tenantUrl, ttlSeconds: settings.tokenTtlSeconds, dataspaces: settings.dataspaces, instanceUrlWithoutScheme: settings.instanceUrlWithoutScheme }),
      close: () =>
        new Promise<void>((resolve, reject) => {
          tenant.landing.cancel();
          server.close((err) => {
            db.close();
            if (err) reject(err);
            else resolve();
          });
          server.closeAllConnections();
        }),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
