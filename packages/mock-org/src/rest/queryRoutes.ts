import { SfApiError } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import { executeSoql } from '../soql/executeSoql.js';
import { SoqlError, type QueryRow, type SoqlResult } from '../soql/types.js';
import { requireVersion } from './apiVersion.js';

const PAGE_SIZE = 2000;

/** Sforce-Query-Options: batchSize=N asks for smaller pages (200–2000). */
function pageSize(ctx: RequestContext): number {
  const header = String(ctx.headers['sforce-query-options'] ?? '');
  const asked = Number(/batchSize=(\d+)/i.exec(header)?.[1]);
  return Number.isFinite(asked) && asked >= 200 ? Math.min(asked, PAGE_SIZE) : PAGE_SIZE;
}

function page(ctx: RequestContext, version: string, locator: string, rows: QueryRow[], offset: number, totalSize: number): RouteResponse {
  const size = pageSize(ctx);
  const end = offset + size;
  const done = end >= rows.length;
  if (done) ctx.org.queryCursors.delete(locator);
  else ctx.org.queryCursors.set(locator, rows);
  return {
    status: 200,
    body: {
      totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locator}-${end}` }),
      records: rows.slice(offset, end),
    },
  };
}

/**
 * /query and /queryAll run SOQL through the engine; results larger than a page stay in the org
 * under a query locator (01g…) that nextRecordsUrl pages through.
 */
export function createQueryModule(): RouteModule {
  const run = (ctx: RequestContext, includeDeleted: boolean): RouteResponse => {
    const version = requireVersion(ctx.params.version);
    const q = ctx.query.get('q');
    if (!q) throw new SfApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    let result: SoqlResult;
    try {
      result = executeSoql(q, { schema: ctx.org.schema, records: ctx.org.store, now: ctx.org.now(), includeDeleted, userId: ctx.session!.userId }, { apiVersion: version });
    } catch (err) {
      if (err instanceof SoqlError) throw new SfApiError(400, err.errorCode, err.message);
      throw err;
    }
    const locator = ctx.org.newId('01g');
    return page(ctx, version, locator, result.rows, 0, result.totalSize);
  };
  const more = (ctx: RequestContext): RouteResponse => {
    const version = requireVersion(ctx.params.version);
    const [locator, offset] = (ctx.params.locator ?? '').split('-');
    const rows = ctx.org.queryCursors.get(locator ?? '');
    if (!rows) throw new SfApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return page(ctx, version, locator!, rows, Number(offset) || 0, rows.length);
  };
  return {
    name: 'query',
    routes: [
      { method: 'GET', path: '/services/data/:version/query', auth: 'session', handler: (ctx) => run(ctx, false) },
      { method: 'GET', path: '/services/data/:version/queryAll', auth: 'session', handler: (ctx) => run(ctx, true) },
      { method: 'GET', path: '/services/data/:version/query/:locator', auth: 'session', handler: more },
      { method: 'GET', path: '/services/data/:version/queryAll/:locator', auth: 'session', handler: more },
    ],
  };
}
