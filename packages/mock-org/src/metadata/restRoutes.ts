import { SfApiError } from '../errors.js';
import type { RequestContext, Route, RouteResponse } from '../http/types.js';
import { requireVersion } from '../rest/apiVersion.js';
import { deployResultOf, type DeployJob } from './deployJob.js';
import { DeployOptionsError, deployOptionsFrom } from './deployOptions.js';
import { MetadataCallError, type DeployService } from './deployService.js';
import { parseMultipart } from './multipart.js';

const PATH = '/services/data/:version/metadata/deployRequest';

/** Metadata errors in the REST body shape; an unknown deploy id is a 404 there. */
function restError(err: unknown): never {
  if (err instanceof MetadataCallError) throw new SfApiError(err.code === 'INVALID_CROSS_REFERENCE_KEY' ? 404 : 400, err.code, err.message);
  if (err instanceof DeployOptionsError) throw new SfApiError(400, 'INVALID_FIELD', err.message);
  throw err;
}

const urlOf = (ctx: RequestContext, job: DeployJob): string => `${ctx.org.instanceUrl}/services/data/${ctx.params.version}/metadata/deployRequest/${job.id}`;

function body(ctx: RequestContext, job: DeployJob, includeDetails: boolean): Record<string, unknown> {
  return { id: job.id, url: urlOf(ctx, job), validatedDeployRequestId: job.validationId ?? null, deployOptions: job.options, deployResult: deployResultOf(job, includeDetails) };
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function parseJson(raw: Buffer): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(raw.toString('utf8')));
  } catch {
    throw new SfApiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
  }
}

function quickDeploy(ctx: RequestContext, service: DeployService, validationId: unknown): RouteResponse {
  if (typeof validationId !== 'string' || !validationId) throw new SfApiError(400, 'INVALID_FIELD', 'validatedDeployRequestId must be the id of a successful validation (a checkOnly deployRequest).');
  const job = service.quickDeploy(validationId, ctx.session!.userId);
  return { status: 201, body: body(ctx, job, false) };
}

/** `POST deployRequest`: multipart (`file` zip + `entity_content` {deployOptions}), or JSON {validatedDeployRequestId} as jsforce sends a quick deploy. */
function create(ctx: RequestContext, service: DeployService): RouteResponse {
  requireVersion(ctx.params.version);
  const contentType = String(ctx.headers['content-type'] ?? '');
  if (/^application\/json/i.test(contentType)) return quickDeploy(ctx, service, parseJson(ctx.rawBody).validatedDeployRequestId);
  const parts = parseMultipart(contentType, ctx.rawBody);
  if (!parts) throw new SfApiError(400, 'INVALID_MULTIPART_REQUEST', 'Send multipart/form-data with a "file" part (the zip) and an "entity_content" part ({"deployOptions": {…}}).');
  const file = parts.find((p) => p.name === 'file');
  if (!file?.data.length) throw new SfApiError(400, 'INVALID_MULTIPART_REQUEST', 'The request has no "file" part: attach the deploy zip as "file".');
  const entity = parts.find((p) => p.name === 'entity_content');
  const options = deployOptionsFrom(asRecord(entity ? parseJson(entity.data).deployOptions : {}));
  const job = service.start(file.data, options, ctx.session!.userId);
  return { status: 201, body: body(ctx, job, false) };
}

/** The REST deployRequest resource: start, status, cancel and quick deploy. */
export function metadataRestRoutes(service: DeployService): Route[] {
  const guard =
    (handler: (ctx: RequestContext) => RouteResponse | Promise<RouteResponse>) =>
    async (ctx: RequestContext): Promise<RouteResponse> => {
      try {
        return await handler(ctx);
      } catch (err) {
        return restError(err);
      }
    };
  return [
    { method: 'POST', path: PATH, auth: 'session', body: 'raw', handler: guard((ctx) => create(ctx, service)) },
    {
      method: 'GET',
      path: `${PATH}/:id`,
      auth: 'session',
      handler: guard(async (ctx) => {
        requireVersion(ctx.params.version);
        const job = await service.status(ctx.params.id!);
        return { status: 200, body: body(ctx, job, ctx.query.get('includeDetails') === 'true') };
      }),
    },
    {
      method: 'PATCH',
      path: `${PATH}/:id`,
      auth: 'session',
      handler: guard((ctx) => {
        requireVersion(ctx.params.version);
        const status = asRecord(asRecord(ctx.body).deployResult).status;
        if (status !== 'Canceling') throw new SfApiError(400, 'INVALID_FIELD', 'To cancel a deploy, PATCH {"deployResult":{"status":"Canceling"}}.');
        const job = service.cancel(ctx.params.id!, ctx.session!.userId);
        return { status: 202, body: { id: job.id, url: urlOf(ctx, job), deployResult: deployResultOf(job, false) } };
      }),
    },
    {
      // The REST guide's quick deploy: POST deployRequest/{validatedId}?quickDeploy=true with {validatedDeployRequestId}.
      method: 'POST',
      path: `${PATH}/:id`,
      auth: 'session',
      handler: guard((ctx) => {
        requireVersion(ctx.params.version);
        if (ctx.query.get('quickDeploy') !== 'true') throw new SfApiError(400, 'INVALID_FIELD', 'POST to a deployRequest id quick-deploys it: add ?quickDeploy=true.');
        return quickDeploy(ctx, service, asRecord(ctx.body).validatedDeployRequestId ?? ctx.params.id);
      }),
    },
  ];
}
