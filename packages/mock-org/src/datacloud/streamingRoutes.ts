import type { RequestContext, Route, RouteModule, RouteResponse } from '../http/types.js';
import type { Stream } from './connectors.js';
import { describeProblem, findRecordProblem, findRecordProblems } from './recordProblems.js';
import { badRequest, notFoundError, payloadTooLarge } from './tenantErrors.js';
import type { TenantState } from './tenantState.js';

const MAX_DELETE_IDS = 200;

function findStream(tenant: TenantState, ctx: RequestContext): Stream {
  const { connector = '', object = '' } = ctx.params;
  const stream = tenant.connectors.stream(connector, object);
  if (stream) return stream;
  throw notFoundError(tenant.connectors.hasConnector(connector) ? `Connector ${connector} has no object ${object}.` : `No Ingestion API connector named ${connector}.`);
}

/** The body as JSON, parsed once; the size cap comes first, as a gateway would apply it. */
function readJson(tenant: TenantState, ctx: RequestContext): unknown {
  if (ctx.rawBody.length > tenant.settings.maxBodyBytes) throw payloadTooLarge(ctx.rawBody.length, tenant.settings.maxBodyBytes);
  try {
    return JSON.parse(ctx.rawBody.toString('utf8'));
  } catch (err) {
    throw badRequest(`the body is not valid JSON (${(err as Error).message}).`);
  }
}

function readData(tenant: TenantState, ctx: RequestContext): unknown[] {
  const body = readJson(tenant, ctx) as { data?: unknown } | null;
  const data = typeof body === 'object' && body !== null ? body.data : undefined;
  if (!Array.isArray(data)) throw badRequest('the body must be {"data": [records]}.');
  if (data.length === 0) throw badRequest('"data" holds no records.');
  return data;
}

/** Ingestion API streaming: insert (202, lands later), validate-only (200/400, lands nothing), delete by key (202). */
export function createStreamingModule(tenant: TenantState): RouteModule {
  function insert(ctx: RequestContext): RouteResponse {
    const stream = findStream(tenant, ctx);
    const data = readData(tenant, ctx);
    for (let i = 0; i < data.length; i++) {
      const problem = findRecordProblem(stream, data[i], i);
      if (problem) throw badRequest(`JSON is properly formatted but has a mismatch with Schema: ${describeProblem(problem)}`);
    }
    const records = data as Record<string, unknown>[];
    tenant.landing.schedule(() => tenant.dlo.upsert(stream, records));
    tenant.stats.accepted += records.length;
    return { status: 202, body: { accepted: true } };
  }

  function test(ctx: RequestContext): RouteResponse {
    const stream = findStream(tenant, ctx);
    const data = readData(tenant, ctx);
    const errors = findRecordProblems(stream, data);
    if (errors.length > 0) {
      throw badRequest(`JSON is properly formatted but has a mismatch with Schema: ${describeProblem(errors[0]!)}`, { validationReport: { valid: false, errors } });
    }
    return { status: 200, body: { accepted: true, validationReport: { valid: true, recordCount: data.length } } };
  }

  function remove(ctx: RequestContext): RouteResponse {
    const stream = findStream(tenant, ctx);
    const fromQuery = ctx.query.get('ids');
    let ids: unknown[];
    if (fromQuery !== null) ids = fromQuery.split(',').map((s) => s.trim()).filter(Boolean);
    else {
      const body = ctx.rawBody.length === 0 ? undefined : (readJson(tenant, ctx) as { ids?: unknown } | null);
      const listed = typeof body === 'object' && body !== null ? body.ids : undefined;
      if (!Array.isArray(listed)) throw badRequest('name the records to delete: ?ids=a,b or a body {"ids": [...]}.');
      ids = listed;
    }
    if (ids.length === 0) throw badRequest('ids is empty: name at least one primary key.');
    if (ids.length > MAX_DELETE_IDS) throw badRequest(`${ids.length} ids: at most ${MAX_DELETE_IDS} a request. Split the delete.`);
    if (ids.some((id) => typeof id !== 'string' && typeof id !== 'number')) throw badRequest('ids must be strings or numbers (primary key values).');
    tenant.landing.schedule(() => tenant.dlo.deleteByKeys(stream, ids));
    return { status: 202, body: { accepted: true } };
  }

  const route = (method: Route['method'], path: string, handler: Route['handler']): Route => ({ method, path, auth: 'session', body: 'raw', handler });
  return {
    name: 'datacloud-streaming',
    routes: [
      route('POST', '/api/v1/ingest/sources/:connector/:object', insert),
      route('POST', '/api/v1/ingest/sources/:connector/:object/actions/test', test),
      route('DELETE', '/api/v1/ingest/sources/:connector/:object', remove),
    ],
  };
}
