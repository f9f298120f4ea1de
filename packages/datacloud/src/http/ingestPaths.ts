import { segment } from './tenantRequest.js';

/** The Ingestion API routes under the tenant URL. */
export const ingestPaths = {
  records: (connector: string, object: string): string => `/api/v1/ingest/sources/${segment(connector)}/${segment(object)}`,
  test: (connector: string, object: string): string => `/api/v1/ingest/sources/${segment(connector)}/${segment(object)}/actions/test`,
  jobs: '/api/v1/ingest/jobs',
  job: (id: string): string => `/api/v1/ingest/jobs/${segment(id)}`,
  jobBatches: (id: string): string => `/api/v1/ingest/jobs/${segment(id)}/batches`,
  query: '/api/v2/query',
};
