import type { Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, SchemaView } from '../schema/types.js';
import { compileOrderBy, sortBy } from './order.js';
import type { RecordSource, StoredRecord } from './types.js';
import { compileWhere, type LookupHint } from './where.js';

export interface SelectEnv {
  schema: SchemaView;
  records: RecordSource;
  now: Date;
  includeDeleted: boolean;
  /** Runs a semi-join's inner query; the 15-char ids it selects. */
  semiJoin: (query: Query) => Set<string>;
}

/** The rows of one object a WHERE/ORDER BY/LIMIT/OFFSET selects, before projection. */
export interface RecordSelection {
  /**
   * The matching records of `from`, unsorted; `candidates` narrows the set when given, and
   * `enough` stops the scan early (an unsorted LIMIT needs no more).
   */
  filter(candidates?: Iterable<StoredRecord>, enough?: number): StoredRecord[];
  /** Sorts and pages a filtered list. */
  arrange(records: StoredRecord[]): StoredRecord[];
}

export function compileSelection(query: Query | Subquery, from: ObjectDef, env: SelectEnv): RecordSelection {
  const filter = compileWhere(query.where, {
    schema: env.schema,
    root: from,
    alias: query.sObjectAlias,
    records: env.records,
    now: env.now,
    semiJoin: env.semiJoin,
  });
  const order = compileOrderBy(query.orderBy, env.schema, from, env.records, query.sObjectAlias);
  const live = (r: StoredRecord): boolean => env.includeDeleted || r.IsDeleted !== true;
  return {
    filter(candidates, enough = Infinity) {
      const source = candidates ?? indexedCandidates(from, filter.lookups, env) ?? env.records.scan(from.name, { includeDeleted: env.includeDeleted });
      const out: StoredRecord[] = [];
      if (enough <= 0) return out;
      for (const r of source) {
        if (live(r) && filter.test(r) && out.push(r) >= enough) break;
      }
      return out;
    },
    arrange(records) {
      const sorted = sortBy(records, order);
      const offset = query.offset ?? 0;
      return query.limit === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + query.limit);
    },
  };
}

/**
 * Uses the store's index when a top-level `field = literal` (or `field IN (…)`) allows it, so a
 * selective query never scans; the full filter still runs on what the index returns.
 */
function indexedCandidates(from: ObjectDef, hints: readonly LookupHint[], env: SelectEnv): StoredRecord[] | undefined {
  const lookup = env.records.lookup?.bind(env.records);
  if (!lookup) return undefined;
  for (const hint of hints) {
    const found = new Map<unknown, StoredRecord>();
    let indexed = true;
    for (const value of hint.values) {
      const hits = lookup(from.name, hint.fieldName, value);
      if (!hits) {
        indexed = false;
        break;
      }
      for (const r of hits) found.set(r.Id, r);
    }
    if (indexed) return [...found.values()];
  }
  return undefined;
}
