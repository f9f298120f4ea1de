import type { FieldFunctionExpression, FunctionExp, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema/types.js';
import { malformed, unsupported } from './errors.js';
import { toOperand } from './literals.js';
import { asArray, sortBy, sortKeyOf, type SortKey } from './order.js';
import { readPath, resolveFieldPath, type FieldPath } from './resolve.js';
import type { RecordSelection, SelectEnv } from './select.js';
import { fieldName } from './selectList.js';
import { SoqlError, type QueryRow, type StoredRecord } from './types.js';
import { compareKeys, kindOf, storedKey, type Key } from './values.js';
import { compare, literals } from './where.js';
import { buildFilterTree, type FilterNode } from './whereTree.js';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

interface Aggregate {
  fn: string;
  /** Undefined for COUNT(). */
  path?: FieldPath;
}

interface Group {
  first: StoredRecord;
  members: StoredRecord[];
}

interface AggregateValue {
  raw: unknown;
  key: Key | null;
}

function normalizeFn(name: string): string {
  return name.toUpperCase();
}

function exprText(fn: string, path?: FieldPath): string {
  return `${fn}(${path?.canonical.toLowerCase() ?? ''})`;
}

export function isAggregateQuery(query: Query): boolean {
  return query.groupBy !== undefined || (query.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn === true);
}

function compileAggregate(fn: string, parameters: readonly unknown[], from: ObjectDef, env: SelectEnv, alias?: string): Aggregate {
  const name = normalizeFn(fn);
  if (!AGGREGATES.has(name)) throw unsupported(`${fn}()`);
  const param = parameters[0];
  if (param === undefined) {
    if (name !== 'COUNT') throw malformed(`unexpected token: ')'`);
    return { fn: name };
  }
  if (typeof param !== 'string') throw unsupported(`nested functions in ${fn}()`);
  const path = resolveFieldPath(env.schema, from, param, alias);
  if ((name === 'SUM' || name === 'AVG') && kindOf(path.field) !== 'number') {
    throw new SoqlError('INVALID_FIELD', `field ${path.field.name} does not support aggregate operator ${name}`);
  }
  return { fn: name, path };
}

function evaluate(agg: Aggregate, group: Group, env: SelectEnv): AggregateValue {
  if (!agg.path) return { raw: group.members.length, key: group.members.length };
  const path = agg.path;
  const values = group.members.map((r) => readPath(path, r, env.records)).filter((v) => v !== null && v !== undefined && v !== '');
  switch (agg.fn) {
    case 'COUNT':
      return { raw: values.length, key: values.length };
    case 'COUNT_DISTINCT': {
      const n = new Set(values.map((v) => storedKey(path.field, v))).size;
      return { raw: n, key: n };
    }
    case 'SUM':
    case 'AVG': {
      if (values.length === 0) return { raw: null, key: null };
      const sum = values.reduce<number>((s, v) => s + Number(v), 0);
      const result = agg.fn === 'SUM' ? sum : sum / values.length;
      return { raw: result, key: result };
    }
    default: {
      let best: AggregateValue = { raw: null, key: null };
      for (const v of values) {
        const key = sortKeyOf(path.field, v);
        if (key === null) continue;
        if (best.key === null || (agg.fn === 'MIN' ? compareKeys(key, best.key) < 0 : compareKeys(key, best.key) > 0)) best = { raw: v, key };
      }
      return best;
    }
  }
}

/** GROUP BY / aggregate functions → AggregateResult rows (no url, as the REST API renders them). */
export function executeAggregate(query: Query, from: ObjectDef, selection: RecordSelection, env: SelectEnv): QueryRow[] {
  const alias = query.sObjectAlias;
  const groupPaths = asArray(query.groupBy).map((g) => {
    if (!('field' in g)) throw unsupported(`GROUP BY ${g.fn.rawValue ?? g.fn.functionName ?? 'function'}`);
    return resolveFieldPath(env.schema, from, g.field, alias);
  });
  const isGrouped = (path: FieldPath): boolean => groupPaths.some((g) => g.canonical.toLowerCase() === path.canonical.toLowerCase());

  // Output columns in select order: grouped fields by name (or alias), aggregates as alias or exprN.
  let exprIndex = 0;
  const columns: { key: string; value: (g: Group) => unknown }[] = [];
  for (const item of query.fields ?? []) {
    const name = fieldName(item);
    if (name !== undefined) {
      const path = resolveFieldPath(env.schema, from, name, alias);
      if (!isGrouped(path)) throw malformed(`Field must be grouped or aggregated: ${path.field.name}`);
      const key = ('alias' in item && typeof item.alias === 'string' ? item.alias : undefined) ?? path.field.name;
      columns.push({ key, value: (g) => readPath(path, g.first, env.records) });
    } else if (item.type === 'FieldFunctionExpression' && item.isAggregateFn) {
      const agg = compileAggregate(item.functionName, item.parameters, from, env, alias);
      const key = item.alias ?? `expr${exprIndex++}`;
      columns.push({ key, value: (g) => evaluate(agg, g, env).raw });
    } else if (item.type === 'FieldFunctionExpression') {
      throw unsupported(`${(item as FieldFunctionExpression).rawValue ?? item.functionName} in an aggregate query`);
    } else {
      throw unsupported(`${item.type === 'FieldSubquery' ? 'child subqueries' : 'TYPEOF'} in an aggregate query`);
    }
  }

  const groups = new Map<string, Group>();
  for (const r of selection.filter()) {
    const id = JSON.stringify(groupPaths.map((p) => storedKey(p.field, readPath(p, r, env.records))));
    const group = groups.get(id);
    if (group) group.members.push(r);
    else groups.set(id, { first: r, members: [r] });
  }
  // Aggregates without GROUP BY always yield one row, even over no records.
  let list = [...groups.values()];
  if (groupPaths.length === 0 && list.length === 0) list = [{ first: {}, members: [] }];

  const fnValue = (fn: FunctionExp): ((g: Group) => AggregateValue) => {
    const agg = compileAggregate(fn.functionName ?? '', fn.parameters ?? [], from, env, alias);
    return (g) => evaluate(agg, g, env);
  };
  const groupValue = (field: string): ((g: Group) => AggregateValue) => {
    const path = resolveFieldPath(env.schema, from, field, alias);
    if (!isGrouped(path)) throw malformed(`Field must be grouped or aggregated: ${path.field.name}`);
    return (g) => {
      const raw = readPath(path, g.first, env.records);
      return { raw, key: sortKeyOf(path.field, raw) };
    };
  };

  if (query.having) {
    const test = compileHaving(buildFilterTree(query.having as never), fnValue, groupValue, from, env, alias);
    list = list.filter(test);
  }

  const order: SortKey<Group>[] = asArray<OrderByClause>(query.orderBy).map((clause) => {
    const read = 'field' in clause ? groupValue(clause.field) : fnValue(clause.fn);
    return { read: (g) => read(g).key, descending: clause.order?.toUpperCase() === 'DESC', nullsFirst: clause.nulls?.toUpperCase() !== 'LAST' };
  });
  const sorted = sortBy(list, order);
  const offset = query.offset ?? 0;
  const paged = query.limit === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + query.limit);

  return paged.map((g) => {
    const row: QueryRow = { attributes: { type: 'AggregateResult' } };
    for (const c of columns) row[c.key] = c.value(g) ?? null;
    return row;
  });
}

function compileHaving(
  node: FilterNode,
  fnValue: (fn: FunctionExp) => (g: Group) => AggregateValue,
  groupValue: (field: string) => (g: Group) => AggregateValue,
  from: ObjectDef,
  env: SelectEnv,
  alias: string | undefined,
): (g: Group) => boolean {
  switch (node.kind) {
    case 'not': {
      const inner = compileHaving(node.item, fnValue, groupValue, from, env, alias);
      return (g) => !inner(g);
    }
    case 'and':
    case 'or': {
      const items = node.items.map((n) => compileHaving(n, fnValue, groupValue, from, env, alias));
      return node.kind === 'and' ? (g) => items.every((t) => t(g)) : (g) => items.some((t) => t(g));
    }
    case 'leaf': {
      const c = node.condition;
      if ('valueQuery' in c) throw unsupported('sub-selects in HAVING');
      const op = c.operator.toUpperCase().replace(/\s+/g, ' ').replace('<>', '!=');
      if (op === 'LIKE' || op === 'INCLUDES' || op === 'EXCLUDES') throw unsupported(`${op} in HAVING`);
      let read: (g: Group) => AggregateValue;
      let operands;
      if ('fn' in c) {
        read = fnValue(c.fn);
        const fn = normalizeFn(c.fn.functionName ?? '');
        const param = c.fn.parameters?.[0];
        const path = typeof param === 'string' && (fn === 'MIN' || fn === 'MAX') ? resolveFieldPath(env.schema, from, param, alias) : undefined;
        operands = literals(c).map((l) => {
          if (path) return toOperand(path.field, l, env.now);
          if (l.literalType !== 'INTEGER' && l.literalType !== 'DECIMAL') throw malformed(`${exprText(fn, path)} must be compared with a number`);
          return { kind: 'key' as const, key: Number(l.value), raw: Number(l.value) };
        });
      } else {
        read = groupValue(c.field);
        const path = resolveFieldPath(env.schema, from, c.field, alias);
        operands = literals(c).map((l) => toOperand(path.field, l, env.now));
        const inner = read;
        read = (g) => ({ raw: null, key: storedKey(path.field, inner(g).raw) });
      }
      const list = operands;
      if (op === 'IN' || op === 'NOT IN') {
        return (g) => {
          const hit = list.some((o) => compare('=', o, read(g).key));
          return op === 'IN' ? hit : !hit;
        };
      }
      const [operand] = list;
      if (!operand) throw malformed('missing value in HAVING');
      return (g) => compare(op, operand, read(g).key);
    }
  }
}
