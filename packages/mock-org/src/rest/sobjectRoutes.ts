import { SfApiError, notFound } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import { createRecord, deleteRecord, liveMatches, requireRecord, updateRecord, upsertRecord, type WriteContext } from '../records/recordService.js';
import type { ObjectDef } from '../schema/types.js';
import { requireVersion } from './apiVersion.js';
import { describeObject, globalDescribe, objectInfo } from './describe.js';
import { recordJson } from './recordJson.js';

const DATA = '/services/data/:version';

/** The object in the URL; an unknown one is a 404, as the real API answers a misspelled name. */
function objectOf(ctx: RequestContext): ObjectDef {
  const def = ctx.org.schema.object(ctx.params.sobject ?? '');
  if (!def) throw notFound();
  return def;
}

export const writeContext = (ctx: RequestContext): WriteContext => ({ org: ctx.org, userId: ctx.session!.userId });

/** The JSON object a write needs; arrays and scalars fail the way Jackson fails them. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SfApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of sObject from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING'} value or request may be missing a required field`);
  }
  return body as Record<string, unknown>;
}

const fieldsParam = (ctx: RequestContext): string[] | undefined => ctx.query.get('fields')?.split(',').filter((f) => f.trim());

function readById(ctx: RequestContext): RouteResponse {
  const version = requireVersion(ctx.params.version);
  const def = objectOf(ctx);
  const record = requireRecord(ctx, def, ctx.params.id ?? '');
  return { status: 200, body: recordJson(def, record, version, fieldsParam(ctx)) };
}

function readByExternalId(ctx: RequestContext): RouteResponse {
  const version = requireVersion(ctx.params.version);
  const def = objectOf(ctx);
  const field = def.fields.get((ctx.params.field ?? '').toLowerCase());
  if (!field || !(field.externalId || field.name === 'Id')) throw notFound();
  const matches = liveMatches(ctx, def.name, field.name, ctx.params.value);
  if (matches.length === 0) throw notFound();
  if (matches.length > 1) return { status: 300, body: matches.map((r) => `/services/data/v${version}/sobjects/${def.name}/${String(r.Id)}`) };
  return { status: 200, body: recordJson(def, matches[0]!, version, fieldsParam(ctx)) };
}

/** The sObject resources: global and per-object describe, CRUD by id, and upsert by external id. */
export const sobjectModule: RouteModule = {
  name: 'sobjects',
  routes: [
    { method: 'GET', path: `${DATA}/sobjects`, auth: 'session', handler: (ctx) => ({ status: 200, body: globalDescribe(ctx.org.schema, requireVersion(ctx.params.version)) }) },
    { method: 'GET', path: `${DATA}/sobjects/:sobject`, auth: 'session', handler: (ctx) => ({ status: 200, body: objectInfo(objectOf(ctx), requireVersion(ctx.params.version)) }) },
    {
      method: 'POST',
      path: `${DATA}/sobjects/:sobject`,
      auth: 'session',
      handler: (ctx) => {
        requireVersion(ctx.params.version);
        const def = objectOf(ctx);
        const id = ctx.org.store.transaction(() => createRecord(writeContext(ctx), def, bodyObject(ctx.body)));
        return { status: 201, body: { id, success: true, errors: [] } };
      },
    },
    { method: 'GET', path: `${DATA}/sobjects/:sobject/describe`, auth: 'session', handler: (ctx) => ({ status: 200, body: describeObject(objectOf(ctx), requireVersion(ctx.params.version)) }) },
    { method: 'GET', path: `${DATA}/sobjects/:sobject/:id`, auth: 'session', handler: readById },
    {
      method: 'PATCH',
      path: `${DATA}/sobjects/:sobject/:id`,
      auth: 'session',
      handler: (ctx) => {
        requireVersion(ctx.params.version);
        const def = objectOf(ctx);
        ctx.org.store.transaction(() => updateRecord(writeContext(ctx), def, ctx.params.id ?? '', bodyObject(ctx.body)));
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: `${DATA}/sobjects/:sobject/:id`,
      auth: 'session',
      handler: (ctx) => {
        requireVersion(ctx.params.version);
        const def = objectOf(ctx);
        ctx.org.store.transaction(() => deleteRecord(writeContext(ctx), def, ctx.params.id ?? ''));
        return { status: 204 };
      },
    },
    { method: 'GET', path: `${DATA}/sobjects/:sobject/:field/:value`, auth: 'session', handler: readByExternalId },
    {
      method: 'PATCH',
      path: `${DATA}/sobjects/:sobject/:field/:value`,
      auth: 'session',
      handler: (ctx) => {
        const version = requireVersion(ctx.params.version);
        const def = objectOf(ctx);
        const { id, created } = ctx.org.store.transaction(() => upsertRecord(writeContext(ctx), def, ctx.params.field ?? '', ctx.params.value ?? '', bodyObject(ctx.body)));
        // `created` and the 200-on-update arrived in API 46.0; older versions answer an update with 204.
        if (Number(version) < 46) return created ? { status: 201, body: { id, success: true, errors: [] } } : { status: 204 };
        return { status: created ? 201 : 200, body: { id, success: true, errors: [], created } };
      },
    },
  ],
};
