import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import { runDloQuery } from './dloQuery.js';
import { badRequest } from './tenantErrors.js';

/** `POST /api/v2/query {"sql"}`: SQL over the landed rows, so tests assert what landed, not what was sent. */
export function createQueryApiModule(db: Database.Database, now: () => Date): RouteModule {
  function query(ctx: RequestContext): RouteResponse {
    const sql = (ctx.body as { sql?: unknown } | undefined)?.sql;
    if (typeof sql !== 'string' || sql.trim() === '') throw badRequest('the body must be {"sql": "SELECT …"}.');
    const startTime = now().toISOString();
    const { columns, rows } = runDloQuery(db, sql);
    const metadata = Object.fromEntries(columns.map((c, i) => [c.name, { type: c.type, placeInOrder: i, typeCode: c.typeCode }]));
    return { status: 200, body: { data: rows, metadata, rowCount: rows.length, done: true, queryId: randomUUID(), startTime, endTime: now().toISOString() } };
  }
  return { name: 'datacloud-query', routes: [{ method: 'POST', path: '/api/v2/query', auth: 'session', handler: query }] };
}
