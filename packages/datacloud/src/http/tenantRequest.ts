import type { TokenProvider } from '../auth/types.js';
import { DataCloudError } from '../errors.js';
import { readResponse, type ApiResponse } from './responseBody.js';
import { networkErrorCode, type AttemptOutcome, isRetryableStatus, retryAfterMs } from './retry.js';

/** What fetch accepts as a body (the DOM's BodyInit, which Node's types don't name). */
export type RequestBody = NonNullable<RequestInit['body']>;

export interface TenantRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the tenant URL, starting with /. */
  path: string;
  /** A string or bytes, or a factory for bodies that can be read only once (file streams). */
  body?: string | (() => { body: RequestBody; length: number });
  contentType?: string;
  signal?: AbortSignal;
}

/** Encodes one path segment (connector and object names are plain, but never trust them in a URL). */
export const segment = (value: string): string => encodeURIComponent(value);

function init(req: TenantRequest, accessToken: string): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
  if (req.contentType) headers['content-type'] = req.contentType;
  let body: RequestBody | undefined;
  let streamed = false;
  if (typeof req.body === 'function') {
    const made = req.body();
    body = made.body;
    headers['content-length'] = String(made.length);
    streamed = true;
  } else if (req.body !== undefined) {
    body = req.body;
  }
  return { method: req.method, headers, ...(body !== undefined ? { body } : {}), ...(streamed ? { duplex: 'half' } : {}), ...(req.signal ? { signal: req.signal } : {}) } as RequestInit;
}

/**
 * One request to the tenant with the current token; a 401 drops that token and resends once with
 * a new one (the exchanged token expired or was revoked). Network failures are thrown.
 */
export async function tenantRequest(tokens: TokenProvider, req: TenantRequest): Promise<ApiResponse> {
  let token = await tokens.get();
  let res = await readResponse(await fetch(`${token.tenantUrl}${req.path}`, init(req, token.accessToken)));
  if (res.status !== 401) return res;
  tokens.invalidate(token.accessToken);
  token = await tokens.get();
  res = await readResponse(await fetch(`${token.tenantUrl}${req.path}`, init(req, token.accessToken)));
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
    if (err instanceof DataCloudError && err.status !== undefined && err.status >= 500) return { retry: { status: err.status, message: err.message } };
    if (code === undefined) throw err;
    return { retry: { code, message: `${code} (${(err as Error).message})` } };
  }
  if (isRetryableStatus(res.status) || res.status === 401) {
    const after = retryAfterMs(res.headers);
    return { retry: { status: res.status, message: `HTTP ${res.status}`, ...(after !== undefined ? { retryAfterMs: after } : {}) } };
  }
  return { done: res };
}
