import type { Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, SchemaView } from '../schema/types.js';
import { malformed, unsupported } from './errors.js';
import { compileLike } from './like.js';
import { toOperand, type Operand } from './literals.js';
import { readPath, resolveFieldPath, type FieldPath } from './resolve.js';
import { decodeStringLiteral, literalText } from './stringLiteral.js';
import { SoqlError, type RecordSource, type StoredRecord } from './types.js';
import { kindOf, storedKey, type Key } from './values.js';
import { buildFilterTree, type FilterNode, type LeafCondition } from './whereTree.js';

export type RecordTest = (record: StoredRecord) => boolean;

export interface FilterEnv {
  schema: SchemaView;
  root: ObjectDef;
  alias?: string;
  records: RecordSource;
  now: Date;
  /** Runs a semi-join's inner query; the 15-char ids it selects. */
  semiJoin: (query: Query) => Set<string>;
}

/** An indexed-equality candidate: `fieldName` (on the queried object) is one of `values`. */
export interface LookupHint {
  fieldName: string;
  values: unknown[];
}

export interface CompiledFilter {
  test: RecordTest;
  /** Hints from the top-level conjuncts only: any one of them narrows the whole result. */
  lookups: LookupHint[];
}

interface CompiledLeaf {
  test: RecordTest;
  lookup?: LookupHint;
}

/** `key` (a record's value) against one operand, with SOQL's null rules (null != 'x' is true). */
export function compare(op: string, operand: Operand, key: Key | null): boolean {
  if (operand.kind === 'null') {
    if (op === '=') return key === null;
    if (op === '!=') return key !== null;
    return false;
  }
  if (op === '!=') return key === null || !compare('=', operand, key);
  if (key === null) return false;
  if (operand.kind === 'span') {
    const { from, to } = operand.span;
    const n = key as number;
    switch (op) {
      case '=':
        return n >= from && n < to;
      case '<':
        return n < from;
      case '<=':
        return n < to;
      case '>':
        return n >= to;
      case '>=':
        return n >= from;
    }
    return false;
  }
  const k = operand.key;
  switch (op) {
    case '=':
      return key === k;
    case '<':
      return key < k;
    case '<=':
      return key <= k;
    case '>':
      return key > k;
    case '>=':
      return key >= k;
  }
  return false;
}

function asList<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function literals(condition: LeafCondition): { value: string; literalType: string; n?: number }[] {
  const c = condition as { value?: string | string[]; literalType?: string | string[]; dateLiteralVariable?: number | number[] };
  const values = asList(c.value);
  const types = asList(c.literalType);
  const ns = asList(c.dateLiteralVariable);
  return values.map((value, i) => ({ value, literalType: types[i] ?? types[0] ?? 'STRING', n: ns[i] ?? ns[0] }));
}

function compileLeaf(condition: LeafCondition, env: FilterEnv): CompiledLeaf {
  if ('fn' in condition) throw unsupported(`functions in WHERE (${condition.fn.rawValue ?? condition.fn.functionName})`);
  const path = resolveFieldPath(env.schema, env.root, condition.field, env.alias);
  const op = condition.operator.toUpperCase().replace(/\s+/g, ' ').replace('<>', '!=');
  const read = (r: StoredRecord): Key | null => storedKey(path.field, readPath(path, r, env.records));
  // The store's index matches raw values; only kinds whose raw form is canonical may use it
  // (a datetime literal is spelled differently from the stored value; a case-sensitive
  // index would miss what SOQL's case-insensitive = finds).
  const kind = kindOf(path.field);
  const indexable = path.hops.length === 0 && (kind === 'id' || kind === 'number' || (kind === 'text' && !path.field.caseSensitive));

  if ('valueQuery' in condition) return compileSemiJoin(condition.valueQuery, op, path, read, env);

  switch (op) {
    case 'LIKE': {
      const [literal] = literals(condition);
      if (kindOf(path.field) !== 'text' || !literal) {
        throw new SoqlError('INVALID_FIELD', `invalid operator on field '${path.field.name}': LIKE applies to text fields only`);
      }
      if (literal.literalType !== 'STRING') {
        throw new SoqlError('INVALID_FIELD', `value of filter criterion for field '${path.field.name}' must be of type string and should be enclosed in quotes`);
      }
      const match = compileLike(decodeStringLiteral(literal.value));
      return {
        test: (r) => {
          const v = readPath(path, r, env.records);
          return v !== null && v !== undefined && match(String(v));
        },
      };
    }
    case 'IN':
    case 'NOT IN': {
      const operands = literals(condition).map((l) => toOperand(path.field, l, env.now));
      const negate = op === 'NOT IN';
      const test: RecordTest = (r) => {
        const key = read(r);
        const hit = operands.some((o) => compare('=', o, key));
        return negate ? !hit : hit;
      };
      const keys = operands.filter((o) => o.kind === 'key');
      const lookup = !negate && indexable && keys.length === operands.length ? { fieldName: path.field.name, values: keys.map((o) => o.raw) } : undefined;
      return { test, lookup };
    }
    case 'INCLUDES':
    case 'EXCLUDES': {
      if (path.field.type !== 'multipicklist') throw new SoqlError('INVALID_FIELD', `${op} operator only valid on multipicklist field '${path.field.name}'`);
      const sets = literals(condition).map((l) => new Set(literalText(decodeStringLiteral(l.value)).split(';').map((s) => s.trim().toLowerCase())));
      const test: RecordTest = (r) => {
        const v = readPath(path, r, env.records);
        const have = new Set(typeof v === 'string' && v !== '' ? v.split(';').map((s) => s.trim().toLowerCase()) : []);
        const hit = sets.some((set) => [...set].every((s) => have.has(s)));
        return op === 'INCLUDES' ? hit : !hit;
      };
      return { test };
    }
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [literal] = literals(condition);
      if (!literal) throw malformed(`missing value for ${path.field.name}`);
      const operand = toOperand(path.field, literal, env.now);
      const lookup = op === '=' && indexable && operand.kind === 'key' ? { fieldName: path.field.name, values: [operand.raw] } : undefined;
      return { test: (r) => compare(op, operand, read(r)), lookup };
    }
    default:
      throw unsupported(`the ${op} operator`);
  }
}

function compileSemiJoin(query: Query, op: string, path: FieldPath, read: (r: StoredRecord) => Key | null, env: FilterEnv): CompiledLeaf {
  if (op !== 'IN' && op !== 'NOT IN') throw malformed(`semi join sub-selects need IN or NOT IN, not ${op}`);
  if (kindOf(path.field) !== 'id') throw new SoqlError('INVALID_FIELD', `Invalid field for semi/anti join: ${path.field.name}`);
  let ids: Set<string> | undefined;
  return {
    test: (r) => {
      ids ??= env.semiJoin(query);
      const key = read(r);
      const hit = key !== null && ids.has(key as string);
      return op === 'IN' ? hit : !hit;
    },
  };
}

function compileNode(node: FilterNode, env: FilterEnv): RecordTest {
  switch (node.kind) {
    case 'leaf':
      return compileLeaf(node.condition, env).test;
    case 'not': {
      const inner = compileNode(node.item, env);
      return (r) => !inner(r);
    }
    case 'and': {
      const items = node.items.map((n) => compileNode(n, env));
      return (r) => items.every((t) => t(r));
    }
    case 'or': {
      const items = node.items.map((n) => compileNode(n, env));
      return (r) => items.some((t) => t(r));
    }
  }
}

/** Compiles a WHERE clause into a record test, validating every name and literal up front. */
export function compileWhere(where: WhereClause | undefined, env: FilterEnv): CompiledFilter {
  if (!where) return { test: () => true, lookups: [] };
  const tree = buildFilterTree(where);
  const conjuncts = tree.kind === 'and' ? tree.items : [tree];
  const lookups: LookupHint[] = [];
  const tests: RecordTest[] = [];
  for (const node of conjuncts) {
    if (node.kind === 'leaf') {
      const leaf = compileLeaf(node.condition, env);
      tests.push(leaf.test);
      if (leaf.lookup) lookups.push(leaf.lookup);
    } else tests.push(compileNode(node, env));
  }
  return { test: (r) => tests.every((t) => t(r)), lookups };
}
