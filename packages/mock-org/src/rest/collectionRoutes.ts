import { SfApiError } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import { createRecord, deleteRecord, requireObject, updateRecord, upsertRecord } from '../records/recordService.js';
import { requireVersion } from './apiVersion.js';
import { bodyObject, writeContext } from './sobjectRoutes.js';

const MAX_RECORDS = 200;

interface ItemResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

const ROLLED_BACK = { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] };

class Rollback extends Error {}

/**
 * Runs one operation per item, each succeeding or failing alone; with allOrNone, one failure
 * undoes them all and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK, as the API does.
 */
function runItems<T>(ctx: RequestContext, allOrNone: boolean, items: T[], op: (item: T) => { id: string; created?: boolean }, idOf: (item: T) => string | null): ItemResult[] {
  if (items.length > MAX_RECORDS) throw new SfApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  const results: ItemResult[] = [];
  try {
    ctx.org.store.transaction(() => {
      for (const item of items) {
        try {
          const { id, created } = op(item);
          results.push({ id, success: true, errors: [], ...(created !== undefined ? { created } : {}) });
        } catch (err) {
          if (!(err instanceof SfApiError)) throw err;
          results.push({ id: idOf(item), success: false, errors: [{ statusCode: err.errorCode, message: err.message, fields: err.fields ?? [] }] });
        }
      }
      if (allOrNone && results.some((r) => !r.success)) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    return results.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED_BACK] } : r));
  }
  return results;
}

function collectionBody(ctx: RequestContext): { allOrNone: boolean; records: Record<string, unknown>[] } {
  const body = bodyObject(ctx.body);
  if (!Array.isArray(body.records)) throw new SfApiError(400, 'JSON_PARSER_ERROR', 'records: the request must have a records array');
  return { allOrNone: body.allOrNone === true, records: body.records.map(bodyObject) };
}

function typeOf(record: Record<string, unknown>): string {
  const type = (record.attributes as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string') throw new SfApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  return type;
}

function idField(record: Record<string, unknown>): string | null {
  const entry = Object.entries(record).find(([k]) => k.toLowerCase() === 'id');
  return typeof entry?.[1] === 'string' ? entry[1] : null;
}

function create(ctx: RequestContext): RouteResponse {
  requireVersion(ctx.params.version);
  const { allOrNone, records } = collectionBody(ctx);
  const results = runItems(ctx, allOrNone, records, (r) => {
    if (idField(r)) throw new SfApiError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
    return { id: createRecord(writeContext(ctx), requireObject(ctx.org, typeOf(r)), r) };
  }, () => null);
  return { status: 200, body: results };
}

function update(ctx: RequestContext): RouteResponse {
  requireVersion(ctx.params.version);
  const { allOrNone, records } = collectionBody(ctx);
  const results = runItems(ctx, allOrNone, records, (r) => {
    const id = idField(r);
    if (!id) throw new SfApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
    updateRecord(writeContext(ctx), requireObject(ctx.org, typeOf(r)), id, r);
    return { id: ctx.org.store.byId(id)?.Id as string };
  }, idField);
  return { status: 200, body: results };
}

function upsert(ctx: RequestContext): RouteResponse {
  requireVersion(ctx.params.version);
  const { allOrNone, records } = collectionBody(ctx);
  const def = requireObject(ctx.org, ctx.params.sobject ?? '');
  const fieldName = ctx.params.field ?? '';
  const results = runItems(ctx, allOrNone, records, (r) => {
    const value = Object.entries(r).find(([k]) => k.toLowerCase() === fieldName.toLowerCase())?.[1];
    if (value === undefined || value === null) throw new SfApiError(400, 'MISSING_ARGUMENT', `${fieldName} not specified`, [fieldName]);
    return upsertRecord(writeContext(ctx), def, fieldName, String(value), r);
  }, idField);
  return { status: 200, body: results };
}

function remove(ctx: RequestContext): RouteResponse {
  requireVersion(ctx.params.version);
  const ids = (ctx.query.get('ids') ?? '').split(',').filter(Boolean);
  const allOrNone = ctx.query.get('allOrNone') === 'true';
  const results = runItems(ctx, allOrNone, ids, (id) => {
    const def = ctx.org.schema.objectForId(id);
    if (!def) throw new SfApiError(400, 'MALFORMED_ID', `malformed id ${id}`, []);
    deleteRecord(writeContext(ctx), def, id);
    return { id: ctx.org.store.byId(id)?.Id as string };
  }, (id) => id);
  return { status: 200, body: results };
}

/** sObject Collections: create, update, upsert and delete up to 200 records in one call. */
export const collectionModule: RouteModule = {
  name: 'collections',
  routes: [
    { method: 'POST', path: '/services/data/:version/composite/sobjects', auth: 'session', handler: create },
    { method: 'PATCH', path: '/services/data/:version/composite/sobjects', auth: 'session', handler: update },
    { method: 'DELETE', path: '/services/data/:version/composite/sobjects', auth: 'session', handler: remove },
    { method: 'PATCH', path: '/services/data/:version/composite/sobjects/:sobject/:field', auth: 'session', handler: upsert },
  ],
};
