import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import type { FieldDef, ObjectDef, SchemaView } from '../schema/types.js';
import { unsupported } from './errors.js';
import { readPath, resolveFieldPath } from './resolve.js';
import type { RecordSource, StoredRecord } from './types.js';
import { compareKeys, storedKey, type Key } from './values.js';

export interface SortKey<T> {
  read: (item: T) => Key | null;
  descending: boolean;
  nullsFirst: boolean;
}

export function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Picklists sort in their defined value order, as in Salesforce; everything else by its key. */
export function sortKeyOf(field: FieldDef, value: unknown): Key | null {
  const key = storedKey(field, value);
  if (key === null || !field.picklistValues?.length || field.type !== 'picklist') return key;
  const index = field.picklistValues.findIndex((p) => p.value.toLowerCase() === key);
  return index >= 0 ? index : field.picklistValues.length;
}

/** ORDER BY on fields of the queried object or its parents. Nulls sort first unless NULLS LAST (documented default). */
export function compileOrderBy(
  orderBy: OrderByClause | OrderByClause[] | undefined,
  schema: SchemaView,
  root: ObjectDef,
  records: RecordSource,
  alias?: string,
): SortKey<StoredRecord>[] {
  return asArray(orderBy).map((clause) => {
    if (!('field' in clause)) throw unsupported(`ORDER BY ${clause.fn.rawValue ?? 'function'} outside an aggregate query`);
    const path = resolveFieldPath(schema, root, clause.field, alias);
    return {
      read: (r: StoredRecord) => sortKeyOf(path.field, readPath(path, r, records)),
      descending: clause.order?.toUpperCase() === 'DESC',
      nullsFirst: clause.nulls?.toUpperCase() !== 'LAST',
    };
  });
}

/** Stable sort with each key computed once per item. */
export function sortBy<T>(items: T[], keys: readonly SortKey<T>[]): T[] {
  if (keys.length === 0) return items;
  const decorated = items.map((item, index) => ({ item, index, values: keys.map((k) => k.read(item)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const spec = keys[i]!;
      const x = a.values[i] ?? null;
      const y = b.values[i] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === spec.nullsFirst ? -1 : 1;
      }
      const c = compareKeys(x, y);
      if (c !== 0) return spec.descending ? -c : c;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.item);
}
