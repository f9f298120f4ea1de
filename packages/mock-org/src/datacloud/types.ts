/** How one connector object's data stream lands in its data lake object (chosen when the stream is created, not in the YAML). */
export interface StreamConfig {
  object: string;
  /** Upsert key. Default: the first field named `id` or ending in `Id`/`_id` (any case). */
  primaryKey?: string;
  /** Required for Engagement: a date or datetime field. */
  eventTimeField?: string;
  /** Default 'Other'. */
  category?: 'Engagement' | 'Profile' | 'Other';
  /** The DLO table. Default `{object}_{connector}__dll`. */
  dloName?: string;
}

/** An Ingestion API connector: its OpenAPI YAML schema and the streams of its objects. */
export interface ConnectorConfig {
  name: string;
  /** A YAML file path, or the YAML itself. */
  schema: string | { yaml: string };
  /** Objects without an entry get a stream with the defaults. */
  streams?: StreamConfig[];
}

/** A mock Data Cloud tenant beside an org: its own server, tokens and data lake. */
export interface DataCloudTenantConfig {
  connectors?: ConnectorConfig[];
  /** 0 or absent: a free port. */
  port?: number;
  /** Tenant token lifetime. Default 7200. */
  tokenTtlSeconds?: number;
  /** Largest streaming/test/delete body. Default 200 KB (documented). */
  maxBodyBytes?: number;
  /** Largest bulk CSV upload. Default 150 MB (documented). */
  maxCsvBytes?: number;
  /** Ingestion requests allowed in any rolling second across the tenant. Default 250 (documented). */
  requestsPerSecond?: number;
  /** Accepted data lands in the DLO after this delay (the real tenant takes minutes). Default 0: before the 202. */
  processingDelayMs?: number;
  /** The exchange answers instance_url without `http://`, as the real one can. */
  instanceUrlWithoutScheme?: boolean;
  /** Data spaces a token can be asked for. Default ['default']. */
  dataspaces?: string[];
}

/** What the tenant counted since it started (ingestion endpoints only). */
export interface DataCloudStats {
  /** Ingestion requests that got past faults and authentication. */
  requests: number;
  /** Records in streaming requests answered 202. */
  accepted: number;
  /** Requests answered 429 by the rate limit. */
  throttled: number;
  /** Requests refused for what they carried or asked for: 400, 404, 409, 413. */
  rejected: number;
}

/** The tenant as a MockOrg's caller sees it (`mockOrg.dataCloud`). */
export interface MockDataCloud {
  tenantUrl: string;
  tenantId: string;
  /** Adds (or replaces) a connector from its YAML; throws SchemaError or DataCloudConfigError. */
  registerConnector(name: string, yamlText: string, streams?: StreamConfig[]): void;
  /** Runs a read-only SQL statement over the DLOs, as `POST /api/v2/query` does, rows as objects. */
  query(sql: string): Record<string, unknown>[];
  stats(): DataCloudStats;
  /** Every tenant token stops working at once, so clients must exchange again. */
  expireTokens(): void;
  /** Resolves when every accepted request and every uploaded bulk job has landed (or failed). */
  settled(): Promise<void>;
}
