import { SfApiError } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import { requireVersion } from './apiVersion.js';
import { bodyObject } from './sobjectRoutes.js';

const MAX_SUBREQUESTS = 25;

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

/** Reads `ref.path.to[0].value` out of an earlier subrequest's response body. */
function resolveReference(expression: string, results: Map<string, unknown>): unknown {
  const [refId, ...path] = expression.split('.');
  let value: unknown = results.get(refId ?? '');
  if (value === undefined) throw new SfApiError(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${expression} found in ${refId}.`);
  for (const part of path) {
    const [, key, index] = /^([^[]*)(?:\[(\d+)\])?$/.exec(part) ?? [];
    if (key) value = (value as Record<string, unknown> | undefined)?.[key];
    if (index !== undefined) value = (value as unknown[] | undefined)?.[Number(index)];
  }
  if (value === undefined) throw new SfApiError(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${expression} found in ${refId}.`);
  return value;
}

/** Replaces every `@{ref.path}` in strings inside a URL or body. */
function substitute(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]+)\}$/.exec(value);
    if (whole) return resolveReference(whole[1]!, results);
    return value.replace(/@\{([^}]+)\}/g, (_m, expr: string) => String(resolveReference(expr, results)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  return value;
}

const HALTED: RouteResponse = { status: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }] };

async function composite(ctx: RequestContext): Promise<RouteResponse> {
  requireVersion(ctx.params.version);
  const body = bodyObject(ctx.body);
  const requests = body.compositeRequest;
  if (!Array.isArray(requests) || requests.length === 0) throw new SfApiError(400, 'JSON_PARSER_ERROR', 'compositeRequest: the request must have a compositeRequest array');
  if (requests.length > MAX_SUBREQUESTS) throw new SfApiError(400, 'LIMIT_EXCEEDED', `Composite requests cannot have more than ${MAX_SUBREQUESTS} subrequests`);
  const allOrNone = body.allOrNone === true;
  const results = new Map<string, unknown>();
  const responses: { referenceId: string; response: RouteResponse }[] = [];
  const transaction = allOrNone ? ctx.org.store.begin() : undefined;
  let failed = false;
  for (const raw of requests as Subrequest[]) {
    if (failed && allOrNone) {
      responses.push({ referenceId: raw.referenceId, response: HALTED });
      continue;
    }
    let response: RouteResponse;
    try {
      const url = substitute(raw.url, results) as string;
      response = await ctx.dispatch({ method: raw.method, url, body: substitute(raw.body, results), ...(raw.httpHeaders ? { headers: raw.httpHeaders } : {}) });
    } catch (err) {
      if (!(err instanceof SfApiError)) throw err;
      response = { status: err.status, body: [err.toJSON()] };
    }
    if (response.status >= 400) failed = true;
    else results.set(raw.referenceId, response.body);
    responses.push({ referenceId: raw.referenceId, response });
  }
  if (failed && transaction) transaction.rollback();
  else transaction?.commit();
  const rolledBack = failed && allOrNone;
  return {
    status: 200,
    body: {
      compositeResponse: responses.map(({ referenceId, response }) => {
        const shown = rolledBack && response.status < 400 ? HALTED : response;
        return { body: shown.body ?? null, httpHeaders: shown.headers ?? {}, httpStatusCode: shown.status, referenceId };
      }),
    },
  };
}

/** /composite: up to 25 subrequests in order, later ones referring to earlier results with @{refId.field}. */
export const compositeModule: RouteModule = {
  name: 'composite',
  routes: [{ method: 'POST', path: '/services/data/:version/composite', auth: 'session', handler: composite }],
};
