import type { FieldDef, ObjectDef, SchemaView } from '../schema/types.js';
import { noSuchColumn, unknownObject, unknownRelationship } from './errors.js';
import type { RecordSource, StoredRecord } from './types.js';

/** One reference field followed from a record to its parent. */
export interface Hop {
  field: FieldDef;
  /** Canonical relationship name: the key the parent renders under. */
  relationshipName: string;
  target: ObjectDef;
}

/** A field reached from the queried object, maybe through parent relationships. */
export interface FieldPath {
  hops: Hop[];
  field: FieldDef;
  /** The object that owns `field`. */
  owner: ObjectDef;
  /** Canonical dotted spelling, e.g. Account.Owner.Name. */
  canonical: string;
}

export function resolveObject(schema: SchemaView, name: string): ObjectDef {
  const def = schema.object(name);
  if (!def) throw unknownObject(name);
  return def;
}

/** The object a reference field points to; polymorphic Owner-style lookups resolve to User. */
function referenceTarget(schema: SchemaView, field: FieldDef): ObjectDef | undefined {
  const targets = field.referenceTo ?? [];
  const name = targets.length > 1 && targets.some((t) => t.toLowerCase() === 'user') ? 'User' : targets[0];
  return name === undefined ? undefined : schema.object(name);
}

export function resolveRelationship(schema: SchemaView, from: ObjectDef, name: string): Hop {
  const lower = name.toLowerCase();
  for (const field of from.fields.values()) {
    if (field.type === 'reference' && field.relationshipName?.toLowerCase() === lower) {
      const target = referenceTarget(schema, field);
      if (target) return { field, relationshipName: field.relationshipName, target };
    }
  }
  throw unknownRelationship(name);
}

/**
 * Resolves `Name`, `Account.Owner.Name` or `a.Name` (with `alias` the FROM alias) against `root`.
 */
export function resolveFieldPath(schema: SchemaView, root: ObjectDef, path: string, alias?: string): FieldPath {
  const parts = path.split('.');
  if (alias && parts.length > 1 && parts[0]!.toLowerCase() === alias.toLowerCase()) parts.shift();
  let owner = root;
  const hops: Hop[] = [];
  for (const part of parts.slice(0, -1)) {
    const hop = resolveRelationship(schema, owner, part);
    hops.push(hop);
    owner = hop.target;
  }
  const last = parts[parts.length - 1]!;
  const field = owner.fields.get(last.toLowerCase());
  if (!field) throw noSuchColumn(last, owner.name);
  return { hops, field, owner, canonical: [...hops.map((h) => h.relationshipName), field.name].join('.') };
}

/** The parent a hop leads to from `record`, or undefined when the lookup is blank or dangling. */
export function followHop(hop: Hop, record: StoredRecord, records: RecordSource): StoredRecord | undefined {
  const id = record[hop.field.name];
  return typeof id === 'string' && id !== '' ? records.byId(id) : undefined;
}

/** The stored value at the end of `path`, null when any parent on the way is missing. */
export function readPath(path: FieldPath, record: StoredRecord, records: RecordSource): unknown {
  let current: StoredRecord | undefined = record;
  for (const hop of path.hops) {
    current = followHop(hop, current, records);
    if (!current) return null;
  }
  return current[path.field.name] ?? null;
}
