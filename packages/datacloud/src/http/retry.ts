import { DataCloudError } from '../errors.js';

export interface RetryPolicy {
  /** First backoff ceiling; doubles each attempt (default 250). */
  baseDelayMs: number;
  /** Backoff ceiling (default 20 000); a longer Retry-After is still honoured. */
  maxDelayMs: number;
  /** Tries per request, the first included (default 10). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 250, maxDelayMs: 20_000, maxAttempts: 10 };

export const retryPolicy = (given?: Partial<RetryPolicy>): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) });

/** Why an attempt should be tried again. */
export interface RetryReason {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  message: string;
}

export interface RetryEvent {
  status?: number;
  code?: string;
  attempt: number;
  delayMs: number;
}

export type AttemptOutcome<T> = { done: T } | { retry: RetryReason };

/** 429 and every 5xx are worth another try; other statuses mean the request itself is wrong. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, nowMs = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The socket error code (ECONNRESET, ECONNREFUSED…) behind a failed request, looking through
 * wrapping errors (a login that could not connect wraps fetch's error, which wraps the socket's);
 * undefined when it is not a network failure.
 */
export function networkErrorCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || err.name === 'AbortError') return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  return err.cause === undefined ? undefined : networkErrorCode(err.cause);
}

/** Full jitter (uniform in 0..ceiling) so retrying clients spread out; never shorter than Retry-After. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfter: number | undefined): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = Math.random() * ceiling;
  return retryAfter === undefined ? jitter : Math.max(retryAfter, jitter);
}

/** Resolves after `ms`, or rejects with ABORTED as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DataCloudError('ABORTED', 'Stopped by abort().'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DataCloudError('ABORTED', 'Stopped by abort().'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it is done or retries run out (RETRIES_EXHAUSTED, `what` names the
 * request). `beforeAttempt` lets the caller wait for its rate limit.
 */
export async function withRetries<T>(
  what: string,
  policy: RetryPolicy,
  attempt: (n: number) => Promise<AttemptOutcome<T>>,
  hooks: { beforeAttempt?: () => Promise<void>; onRetry?: (event: RetryEvent, reason: RetryReason) => void; signal?: AbortSignal } = {},
): Promise<T> {
  let last: RetryReason | undefined;
  for (let n = 1; n <= policy.maxAttempts; n++) {
    await hooks.beforeAttempt?.();
    const outcome = await attempt(n);
    if ('done' in outcome) return outcome.done;
    last = outcome.retry;
    if (n === policy.maxAttempts) break;
    const delayMs = Math.round(backoffDelayMs(policy, n, last.retryAfterMs));
    hooks.onRetry?.({ ...(last.status !== undefined ? { status: last.status } : {}), ...(last.code !== undefined ? { code: last.code } : {}), attempt: n, delayMs }, last);
    await sleep(delayMs, hooks.signal);
  }
  throw new DataCloudError('RETRIES_EXHAUSTED', `${what} still failed after ${policy.maxAttempts} attempts (last: ${last?.message ?? 'unknown'}). Check the tenant's status and the network, then run again.`, last?.status !== undefined ? { status: last.status } : {});
}
