import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import type { BulkJobStore, JobState } from './bulkJobs.js';
import { badRequest, conflict, notFoundError, payloadTooLarge } from './tenantErrors.js';
import type { TenantState } from './tenantState.js';

const MAX_FILES = 100;
const ALL_STATES: readonly JobState[] = ['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted'];
const DELETABLE: readonly JobState[] = ['UploadComplete', 'JobComplete', 'Aborted', 'Failed'];

/** Bulk ingestion: create a job, upload CSV files, close or abort it, read, list and delete jobs. */
export function createBulkModule(tenant: TenantState, jobs: BulkJobStore): RouteModule {
  const entry = (ctx: RequestContext) => {
    const found = jobs.get(ctx.params.id ?? '');
    if (!found) throw notFoundError(`No bulk job ${ctx.params.id}.`);
    return found;
  };

  function create(ctx: RequestContext): RouteResponse {
    const body = (ctx.body ?? {}) as { object?: unknown; sourceName?: unknown; operation?: unknown };
    if (typeof body.object !== 'string' || typeof body.sourceName !== 'string') throw badRequest('the body must be {"object", "sourceName", "operation": "upsert" | "delete"}.');
    if (body.operation !== 'upsert' && body.operation !== 'delete') throw badRequest(`operation must be upsert or delete, not ${JSON.stringify(body.operation)}.`);
    const stream = tenant.connectors.stream(body.sourceName, body.object);
    if (!stream) throw notFoundError(tenant.connectors.hasConnector(body.sourceName) ? `Connector ${body.sourceName} has no object ${body.object}.` : `No Ingestion API connector named ${body.sourceName}.`);
    return { status: 201, body: jobs.create(stream, body.operation, ctx.session!.userId) };
  }

  function upload(ctx: RequestContext): RouteResponse {
    const found = entry(ctx);
    if (found.job.state !== 'Open') throw conflict(`Job ${found.job.id} is ${found.job.state}; files can be uploaded only while it is Open.`);
    if (!String(ctx.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv')) throw badRequest('upload the file with Content-Type: text/csv.');
    if (ctx.rawBody.length > tenant.settings.maxCsvBytes) throw payloadTooLarge(ctx.rawBody.length, tenant.settings.maxCsvBytes);
    if (ctx.rawBody.length === 0) throw badRequest('the file is empty.');
    if (found.files.length >= MAX_FILES) throw badRequest(`a job takes at most ${MAX_FILES} files; start another job for the rest.`);
    jobs.upload(found, ctx.rawBody);
    return { status: 202, body: { accepted: true } };
  }

  function patch(ctx: RequestContext): RouteResponse {
    const found = entry(ctx);
    const state = (ctx.body as { state?: unknown } | undefined)?.state;
    if (state !== 'UploadComplete' && state !== 'Aborted') throw badRequest('state must be UploadComplete or Aborted.');
    const from = found.job.state;
    const allowed = state === 'UploadComplete' ? from === 'Open' : from === 'Open' || from === 'UploadComplete';
    if (!allowed) throw conflict(`Job ${found.job.id} is ${from}; it cannot become ${state}.`);
    jobs.setState(found, state);
    return { status: 200, body: found.job };
  }

  function list(ctx: RequestContext): RouteResponse {
    const limit = Number(ctx.query.get('limit') ?? 20);
    const offset = Number(ctx.query.get('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('limit must be a whole number from 1 to 100.');
    if (!Number.isInteger(offset) || offset < 0) throw badRequest('offset must be a whole number, 0 or more.');
    const states = ctx.query.get('states')?.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = states?.filter((s) => !ALL_STATES.includes(s as JobState)) ?? [];
    if (unknown.length > 0) throw badRequest(`unknown states ${unknown.join(', ')}; states are ${ALL_STATES.join(', ')}.`);
    const data = jobs.list().filter((job) => !states || states.includes(job.state));
    return { status: 200, body: { data: data.slice(offset, offset + limit) } };
  }

  function remove(ctx: RequestContext): RouteResponse {
    const found = entry(ctx);
    if (!DELETABLE.includes(found.job.state)) throw conflict(`Job ${found.job.id} is ${found.job.state}; only ${DELETABLE.join(', ')} jobs can be deleted. Abort it first.`);
    jobs.remove(found.job.id);
    return { status: 204 };
  }

  return {
    name: 'datacloud-bulk',
    routes: [
      { method: 'POST', path: '/api/v1/ingest/jobs', auth: 'session', handler: create },
      { method: 'GET', path: '/api/v1/ingest/jobs', auth: 'session', handler: list },
      { method: 'GET', path: '/api/v1/ingest/jobs/:id', auth: 'session', handler: (ctx) => ({ status: 200, body: entry(ctx).job }) },
      { method: 'PATCH', path: '/api/v1/ingest/jobs/:id', auth: 'session', handler: patch },
      { method: 'DELETE', path: '/api/v1/ingest/jobs/:id', auth: 'session', handler: remove },
      { method: 'PUT', path: '/api/v1/ingest/jobs/:id/batches', auth: 'session', body: 'raw', handler: upload },
    ],
  };
}
