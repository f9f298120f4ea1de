import type { ConnectorRegistry } from './connectors.js';
import type { DloStore } from './dloStore.js';
import type { LandingQueue } from './landingQueue.js';
import type { DataCloudStats, DataCloudTenantConfig } from './types.js';

/** The tenant's limits with every default filled in, in this one place. */
export interface TenantSettings {
  tokenTtlSeconds: number;
  maxBodyBytes: number;
  maxCsvBytes: number;
  requestsPerSecond: number;
  processingDelayMs: number;
  instanceUrlWithoutScheme: boolean;
  dataspaces: string[];
}

export function resolveTenantSettings(config: DataCloudTenantConfig): TenantSettings {
  return {
    tokenTtlSeconds: config.tokenTtlSeconds ?? 7200,
    maxBodyBytes: config.maxBodyBytes ?? 200 * 1024,
    maxCsvBytes: config.maxCsvBytes ?? 150 * 1024 * 1024,
    requestsPerSecond: config.requestsPerSecond ?? 250,
    processingDelayMs: config.processingDelayMs ?? 0,
    instanceUrlWithoutScheme: config.instanceUrlWithoutScheme ?? false,
    dataspaces: config.dataspaces ?? ['default'],
  };
}

/** What the tenant's route modules share. */
export interface TenantState {
  tenantId: string;
  settings: TenantSettings;
  connectors: ConnectorRegistry;
  dlo: DloStore;
  landing: LandingQueue;
  stats: DataCloudStats;
  now(): Date;
}
