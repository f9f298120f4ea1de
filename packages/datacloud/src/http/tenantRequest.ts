import type { Readable } from 'node:stream';
import { OrgAuthError } from '@orgkit/org-auth';
import type { TokenProvider } from '../auth/types.js';
import { DataCloudError } from '../errors.js';
import { sendHttp, type HttpRequest } from './httpTransport.js';
import type { ApiResponse } from './responseBody.js';
import { networkErrorCode, type AttemptOutcome, isRetryableStatus, retryAfterMs } from './retry.js';

export interface TenantRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the tenant URL, starting with /. */
  path: string;
  /** Text or bytes, or a factory for bodies that can be read only once (file streams). */
  body?: string | Buffer | (() => { stream: Readable; length: number });
  contentType?: string;
  signal?: AbortSignal;
}

/** Encodes one path segment (connector and object names are plain, but never trust them in a URL). */
export const segment = (value: string): string => encodeURIComponent(value);

function toHttp(req: TenantRequest, accessToken: string): HttpRequest {
  const headers: Record<string, string> = { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
  if (req.contentType) headers['content-type'] = req.contentType;
  const body = typeof req.body === 'function' ? req.body() : req.body;
  return { method: req.method, headers, ...(body !== undefined ? { body } : {}), ...(req.signal ? { signal: req.signal } : {}) };
}

/**
 * One request to the tenant with the current token; a 401 drops that token and resends once with
 * a new one (the exchanged token expired or was revoked). Network failures are thrown.
 */
export async function tenantRequest(tokens: TokenProvider, req: TenantRequest): Promise<ApiResponse> {
  let token = await tokens.get();
  let res = await sendHttp(`${token.tenantUrl}${req.path}`, toHttp(req, token.accessToken));
  if (res.status !== 401) return res;
  tokens.invalidate(token.accessToken);
  token = await tokens.get();
  res = await sendHttp(`${token.tenantUrl}${req.path}`, toHttp(req, token.accessToken));
  if (res.status === 401) tokens.invalidate(token.accessToken);
  return res;
}

/**
 * A tenant request as one retry attempt: 429/5xx/401-after-refresh and network failures are
 * retried; any other answer is returned for the caller to judge.
 */
export async function tenantAttempt(tokens: TokenProvider, req: TenantRequest): Promise<AttemptOutcome<ApiResponse>> {
  let res: ApiResponse;
  try {
    res = await tenantRequest(tokens, req);
  } catch (err) {
    const code = networkErrorCode(err);
    // A token endpoint that is down for a moment is retried like the tenant itself.
    if ((err instanceof DataCloudError || err instanceof OrgAuthError) && err.status !== undefined && err.status >= 500) return { retry: { status: err.status, message: err.message } };
    if (code === undefined) throw err;
    return { retry: { code, message: `${code} (${(err as Error).message})` } };
  }
  if (isRetryableStatus(res.status) || res.status === 401) {
    const after = retryAfterMs(res.headers);
    return { retry: { status: res.status, message: `HTTP ${res.status}`, ...(after !== undefined ? { retryAfterMs: after } : {}) } };
  }
  return { done: res };
}
