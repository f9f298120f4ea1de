import type { Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/types.js';
import { executeAggregate, isAggregateQuery } from './aggregate.js';
import { malformed, unsupported } from './errors.js';
import { parseSoql } from './parse.js';
import { buildProjection, renderRecord, type RenderEnv } from './project.js';
import { readPath, resolveFieldPath, resolveObject } from './resolve.js';
import { compileSelection, type SelectEnv } from './select.js';
import { resolveSelectList, usesUnboundedFields } from './selectList.js';
import { compileChildSubquery } from './subquery.js';
import { SoqlError, type SoqlContext, type SoqlResult } from './types.js';
import { idKey, kindOf } from './values.js';

export interface ExecuteOptions {
  /** The API version rendered in record urls. */
  apiVersion?: string;
}

const DEFAULT_API_VERSION = '65.0';

/** Salesforce refuses OFFSET beyond this. */
const MAX_OFFSET = 2000;

/** FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most 200 (Salesforce's rule). */
const FIELDS_LIMIT = 200;

/**
 * Runs one SOQL query against the mock org's records, rendering rows exactly as the REST query
 * endpoint does. Throws only SoqlError. Choices where the mock cannot know the org's settings:
 * date literals are computed in UTC with weeks starting on Sunday; text compares and sorts
 * case-insensitively; nulls sort first unless NULLS LAST (Salesforce's documented default).
 */
export function executeSoql(query: string, ctx: SoqlContext, options: ExecuteOptions = {}): SoqlResult {
  try {
    return run(parseSoql(query), ctx, options.apiVersion ?? DEFAULT_API_VERSION);
  } catch (err) {
    if (err instanceof SoqlError) throw err;
    // A bug or odd parser output must still reach the client as a query error, not a 500.
    throw malformed(`the mock org could not run this query: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function run(query: Query, ctx: SoqlContext, apiVersion: string): SoqlResult {
  const from = resolveObject(ctx.schema, query.sObject!);
  const env: SelectEnv & RenderEnv = {
    schema: ctx.schema,
    records: ctx.records,
    now: ctx.now,
    includeDeleted: ctx.includeDeleted,
    apiVersion,
    semiJoin: (inner) => semiJoinIds(inner, ctx),
  };
  const fields = query.fields ?? [];
  if (fields.length === 0) throw malformed('unexpected token: FROM');
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed for apiName ${from.name} is ${MAX_OFFSET}`);
  }

  if (isCountOnly(query)) {
    if (query.groupBy) throw unsupported('COUNT() with GROUP BY');
    if (query.orderBy) throw malformed('ORDER BY is not allowed with COUNT()');
    const total = compileSelection({ ...query, orderBy: undefined }, from, env).filter().length;
    const afterOffset = Math.max(0, total - (query.offset ?? 0));
    return { totalSize: query.limit === undefined ? afterOffset : Math.min(afterOffset, query.limit), rows: [] };
  }

  if (isAggregateQuery(query)) {
    const selection = compileSelection({ ...query, orderBy: undefined, limit: undefined, offset: undefined }, from, env);
    const rows = executeAggregate(query, from, selection, env);
    return { totalSize: rows.length, rows };
  }

  if (usesUnboundedFields(fields) && (query.limit === undefined || query.limit > FIELDS_LIMIT)) {
    throw malformed(`The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_LIMIT}`);
  }
  const items = resolveSelectList(fields, from, ctx.schema, query.sObjectAlias, (sub) => compileChildSubquery(sub, from, env));
  const nodes = buildProjection(items);
  const selection = compileSelection(query, from, env);
  const enough = query.orderBy === undefined && query.limit !== undefined ? (query.offset ?? 0) + query.limit : undefined;
  const rows = selection.arrange(selection.filter(undefined, enough)).map((r) => renderRecord(nodes, r, from.name, env));
  return { totalSize: rows.length, rows };
}

function isCountOnly(query: Query): boolean {
  const [only, ...rest] = query.fields ?? [];
  return rest.length === 0 && only?.type === 'FieldFunctionExpression' && only.functionName.toUpperCase() === 'COUNT' && only.parameters.length === 0;
}

/** `Id IN (SELECT AccountId FROM Contact …)`: the ids the inner query selects. */
function semiJoinIds(inner: Query, ctx: SoqlContext): Set<string> {
  const from: ObjectDef = resolveObject(ctx.schema, inner.sObject ?? '');
  const [field, ...rest] = inner.fields ?? [];
  if (!field || rest.length > 0 || (field.type !== 'Field' && field.type !== 'FieldRelationship')) {
    throw malformed('The selected field in a semi join sub-select must be a single Id or reference field');
  }
  const name = field.type === 'Field' ? field.field : [...field.relationships, field.field].join('.');
  const path = resolveFieldPath(ctx.schema, from, name, inner.sObjectAlias);
  if (kindOf(path.field) !== 'id') throw malformed(`Invalid field for semi/anti join: ${path.field.name}`);
  if (inner.groupBy || inner.having) throw unsupported('GROUP BY in a semi join sub-select');
  const env: SelectEnv = {
    schema: ctx.schema,
    records: ctx.records,
    now: ctx.now,
    includeDeleted: false,
    semiJoin: () => {
      throw unsupported('nested semi join sub-selects');
    },
  };
  const selection = compileSelection(inner, from, env);
  const ids = new Set<string>();
  for (const r of selection.arrange(selection.filter())) {
    const v = readPath(path, r, ctx.records);
    if (typeof v === 'string' && v !== '') ids.add(idKey(v));
  }
  return ids;
}
