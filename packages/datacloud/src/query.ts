import { toTokenProvider } from './auth/tokenProvider.js';
import type { DataCloudAuthOptions, TokenProvider } from './auth/types.js';
import { DataCloudError } from './errors.js';
import { ingestPaths } from './http/ingestPaths.js';
import { requireJson } from './http/responseBody.js';
import { tenantCall, type CallOptions } from './http/tenantCall.js';

/**
 * Runs SQL through the Query API (POST /api/v2/query) and returns rows as objects keyed by
 * column. Small results only (no paging): meant for checks in tests and apps.
 */
export async function query(options: { auth: DataCloudAuthOptions | TokenProvider; sql: string } & CallOptions): Promise<Record<string, unknown>[]> {
  const res = await tenantCall(toTokenProvider(options.auth), 'The Data Cloud query', { method: 'POST', path: ingestPaths.query, body: JSON.stringify({ sql: options.sql }), contentType: 'application/json' }, [200, 201], options);
  const body = requireJson(res, 'The Data Cloud Query API');
  const data = body.data;
  const metadata = body.metadata as Record<string, { placeInOrder?: number }> | undefined;
  if (!Array.isArray(data) || typeof metadata !== 'object' || metadata === null) throw new DataCloudError('REQUEST_FAILED', 'The Data Cloud Query API answered without data and metadata: check the tenant URL.');
  const columns = Object.entries(metadata)
    .sort(([, a], [, b]) => (a.placeInOrder ?? 0) - (b.placeInOrder ?? 0))
    .map(([name]) => name);
  return (data as unknown[][]).map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i]])));
}
