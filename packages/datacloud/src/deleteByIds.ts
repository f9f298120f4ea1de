import { toTokenProvider } from './auth/tokenProvider.js';
import type { DataCloudAuthOptions, TokenProvider } from './auth/types.js';
import { ingestPaths } from './http/ingestPaths.js';
import { tenantCall, type CallOptions } from './http/tenantCall.js';

/** Data Cloud takes at most 200 ids a delete request. */
export const MAX_IDS_PER_DELETE = 200;

export interface DeleteByIdsOptions extends CallOptions {
  auth: DataCloudAuthOptions | TokenProvider;
  connector: string;
  object: string;
  /** Primary key values of the rows to delete. */
  ids: readonly string[];
  onProgress?: (progress: { sent: number; total: number }) => void;
}

/**
 * Deletes rows by primary key, 200 ids a request (202 each). Ids go in the query string as the
 * docs show; a chunk with an id containing a comma goes as a JSON body {"ids":[…]} instead.
 */
export async function deleteByIds(options: DeleteByIdsOptions): Promise<{ requested: number; requests: number }> {
  const tokens = toTokenProvider(options.auth);
  const path = ingestPaths.records(options.connector, options.object);
  let requests = 0;
  for (let start = 0; start < options.ids.length; start += MAX_IDS_PER_DELETE) {
    const ids = options.ids.slice(start, start + MAX_IDS_PER_DELETE);
    const asBody = ids.some((id) => id.includes(','));
    await tenantCall(
      tokens,
      `Deleting ${ids.length} ${options.object} rows`,
      asBody
        ? { method: 'DELETE', path, body: JSON.stringify({ ids }), contentType: 'application/json', ...(options.signal ? { signal: options.signal } : {}) }
        : { method: 'DELETE', path: `${path}?ids=${ids.map(encodeURIComponent).join(',')}`, ...(options.signal ? { signal: options.signal } : {}) },
      [200, 202, 204],
      options,
    );
    requests++;
    options.onProgress?.({ sent: start + ids.length, total: options.ids.length });
  }
  return { requested: options.ids.length, requests };
}
