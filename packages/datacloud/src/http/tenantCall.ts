import type { TokenProvider } from '../auth/types.js';
import { requestFailed } from './requestFailed.js';
import type { ApiResponse } from './responseBody.js';
import { retryPolicy, withRetries, type RetryEvent, type RetryPolicy } from './retry.js';
import { tenantAttempt, type TenantRequest } from './tenantRequest.js';

export interface CallOptions {
  retry?: Partial<RetryPolicy>;
  onRetry?: (event: RetryEvent) => void;
  signal?: AbortSignal;
}

/** A tenant request retried on 429/5xx/network failures; any status outside `ok` becomes a REQUEST_FAILED error. */
export async function tenantCall(tokens: TokenProvider, what: string, req: TenantRequest, ok: readonly number[], options: CallOptions = {}): Promise<ApiResponse> {
  const res = await withRetries(what, retryPolicy(options.retry), () => tenantAttempt(tokens, req), {
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!ok.includes(res.status)) throw requestFailed(what, res);
  return res;
}
