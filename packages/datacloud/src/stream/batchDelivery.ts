import type { TokenProvider } from '../auth/types.js';
import { requestFailed } from '../http/requestFailed.js';
import { apiErrorText, type ApiResponse } from '../http/responseBody.js';
import { withRetries, type RetryEvent, type RetryPolicy, type RetryReason } from '../http/retry.js';
import { tenantAttempt } from '../http/tenantRequest.js';
import { bodyBytesOf, requestBody, type PendingEvent } from './batchQueue.js';
import type { RateLimiter } from './rateLimiter.js';
import type { DeadLetterCode } from './types.js';

export interface Rejection {
  event: PendingEvent;
  code: DeadLetterCode;
  reason: string;
}

export interface DeliveryContext {
  tokens: TokenProvider;
  /** The insert route, or /actions/test for validate-only runs. */
  path: string;
  validateOnly: boolean;
  policy: RetryPolicy;
  limiter: RateLimiter;
  signal: AbortSignal;
  onRequest(bodyBytes: number): void;
  onRetry(event: RetryEvent, reason: RetryReason): void;
  /** Data Cloud took these events. */
  accept(events: readonly PendingEvent[]): void;
  /** Data Cloud refused these one by one: dead-letter them (durably) before they are acknowledged. */
  reject(rejections: readonly Rejection[]): Promise<void>;
}

const halves = (events: readonly PendingEvent[]): [PendingEvent[], PendingEvent[]] => {
  const mid = Math.ceil(events.length / 2);
  return [events.slice(0, mid), events.slice(mid)];
};

/** Record indexes the test endpoint's validationReport names, with their messages. */
function reportedErrors(res: ApiResponse, count: number): Map<number, string> {
  const found = new Map<number, string>();
  const report = (res.json as { validationReport?: { errors?: unknown } } | undefined)?.validationReport;
  if (!Array.isArray(report?.errors)) return found;
  for (const error of report.errors as { recordIndex?: unknown; field?: unknown; message?: unknown }[]) {
    if (typeof error.recordIndex !== 'number' || error.recordIndex < 0 || error.recordIndex >= count) continue;
    const text = `${typeof error.field === 'string' ? `${error.field}: ` : ''}${typeof error.message === 'string' ? error.message : 'rejected'}`;
    found.set(error.recordIndex, found.has(error.recordIndex) ? `${found.get(error.recordIndex)}; ${text}` : text);
  }
  return found;
}

async function post(ctx: DeliveryContext, events: readonly PendingEvent[]): Promise<ApiResponse> {
  const body = requestBody(events);
  const bytes = bodyBytesOf(events);
  return withRetries(
    `Sending ${events.length} events to Data Cloud`,
    ctx.policy,
    () => {
      ctx.onRequest(bytes);
      return tenantAttempt(ctx.tokens, { method: 'POST', path: ctx.path, body, contentType: 'application/json', signal: ctx.signal });
    },
    { beforeAttempt: () => ctx.limiter.take(ctx.signal), onRetry: ctx.onRetry, signal: ctx.signal },
  );
}

/**
 * Sends one batch until Data Cloud takes it: retries 429/5xx/network failures, halves it on 413,
 * and bisects it on 400 until the records Data Cloud refuses stand alone and are dead-lettered
 * with the API's reason while the rest go through. Other answers (404, 403…) are thrown.
 */
export async function deliverBatch(ctx: DeliveryContext, events: readonly PendingEvent[]): Promise<void> {
  const res = await post(ctx, events);
  if (res.status >= 200 && res.status < 300) {
    ctx.accept(events);
    return;
  }
  if (res.status === 413 || res.status === 400) {
    if (events.length === 1) {
      const code: DeadLetterCode = res.status === 413 ? 'RECORD_TOO_LARGE' : 'REJECTED_BY_API';
      await ctx.reject([{ event: events[0]!, code, reason: apiErrorText(res) }]);
      return;
    }
    const reported = ctx.validateOnly && res.status === 400 ? reportedErrors(res, events.length) : new Map<number, string>();
    if (reported.size > 0) {
      // The test endpoint names the bad records: dead-letter them, test the rest again.
      await ctx.reject([...reported].map(([index, reason]) => ({ event: events[index]!, code: 'REJECTED_BY_API', reason })));
      const rest = events.filter((_, i) => !reported.has(i));
      if (rest.length > 0) await deliverBatch(ctx, rest);
      return;
    }
    const [first, second] = halves(events);
    await deliverBatch(ctx, first);
    await deliverBatch(ctx, second);
    return;
  }
  throw requestFailed(`Sending ${events.length} events to ${ctx.path}`, res);
}
