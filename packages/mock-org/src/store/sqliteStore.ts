import type Database from 'better-sqlite3';
import { to18 } from '../ids.js';
import type { FieldDef, ObjectDef, SchemaView } from '../schema/types.js';
import type { StoredRecord } from '../soql/types.js';
import { indexedFields, indexKey } from './indexKey.js';
import type { RecordStore } from './types.js';

/**
 * Tables of the record store. `seq` keeps insertion order (scan returns records in the order they
 * were inserted, as the memory store does; an upsert keeps the row's seq). `record_keys` is the
 * index on unique and external-id fields: one row per (record, field) with the case-folded key.
 */
export const RECORD_TABLES = `
  CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    object TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS records_by_object ON records (object);
  CREATE TABLE IF NOT EXISTS record_keys (
    object TEXT NOT NULL,
    field TEXT NOT NULL,
    key TEXT NOT NULL,
    id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS record_keys_by_key ON record_keys (object, field, key);
  CREATE INDEX IF NOT EXISTS record_keys_by_id ON record_keys (id);
`;

const parse = (data: string): StoredRecord => JSON.parse(data) as StoredRecord;

/**
 * A `RecordStore` on an open better-sqlite3 database: one JSON row per record keyed by Id, an
 * object column, and a key table for unique/external-id lookups. Behaves like the memory store
 * (same contract tests): `lookup` returns soft-deleted records too; `transaction` and `begin` map
 * to one SQLite transaction, and nested calls join the outer one.
 */
export function createSqliteStore(db: Database.Database, schema: SchemaView): RecordStore {
  db.exec(RECORD_TABLES);
  const upsertRow = db.prepare<[string, string, number, string]>(
    'INSERT INTO records (id, object, deleted, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET object = excluded.object, deleted = excluded.deleted, data = excluded.data',
  );
  const insertNewRow = db.prepare<[string, string, number, string]>('INSERT OR IGNORE INTO records (id, object, deleted, data) VALUES (?, ?, ?, ?)');
  const deleteKeys = db.prepare<[string]>('DELETE FROM record_keys WHERE id = ?');
  const insertKey = db.prepare<[string, string, string, string]>('INSERT INTO record_keys (object, field, key, id) VALUES (?, ?, ?, ?)');
  const selectById = db.prepare<[string], string>('SELECT data FROM records WHERE id = ?').pluck();
  const selectObjectById = db.prepare<[string], string>('SELECT object FROM records WHERE id = ?').pluck();
  const scanLive = db.prepare<[string], string>('SELECT data FROM records WHERE object = ? AND deleted = 0 ORDER BY seq').pluck();
  const scanAll = db.prepare<[string], string>('SELECT data FROM records WHERE object = ? ORDER BY seq').pluck();
  const selectByKey = db
    .prepare<[string, string, string], string>('SELECT r.data FROM record_keys k JOIN records r ON r.id = k.id WHERE k.object = ? AND k.field = ? AND k.key = ? ORDER BY r.seq')
    .pluck();
  const beginTx = db.prepare('BEGIN');
  const commitTx = db.prepare('COMMIT');
  const rollbackTx = db.prepare('ROLLBACK');
  const rollback = (): void => {
    // SQLite may already have rolled back on its own (disk full, I/O error).
    if (db.inTransaction) rollbackTx.run();
  };

  // Cached per object definition, not per name: a deploy that adds a unique or external-id field
  // replaces the object's definition, and the next write indexes the new field.
  const indexedByDef = new WeakMap<ObjectDef, FieldDef[]>();
  const indexedOf = (object: string): FieldDef[] => {
    const def = schema.object(object);
    if (!def) return [];
    let fields = indexedByDef.get(def);
    if (!fields) indexedByDef.set(def, (fields = indexedFields(schema, object)));
    return fields;
  };

  const put = (objectName: string, record: StoredRecord, isNew: boolean): void => {
    const id = record.Id as string;
    const object = objectName.toLowerCase();
    const row = [id, object, record.IsDeleted === true ? 1 : 0, JSON.stringify(record)] as const;
    // A new id (the usual insert) has no keys to drop; an insert of an existing id replaces it, as in memory.
    if (!isNew || insertNewRow.run(...row).changes === 0) {
      upsertRow.run(...row);
      deleteKeys.run(id);
    }
    for (const f of indexedOf(object)) {
      const key = indexKey(f, record[f.name]);
      if (key !== undefined) insertKey.run(object, f.name.toLowerCase(), key, id);
    }
  };
  // Writes outside any transaction still go through one, so a record and its keys land together.
  const atomically = <T>(fn: () => T): T => store.transaction(fn);

  const store: RecordStore = {
    scan(objectName, { includeDeleted }) {
      return (includeDeleted ? scanAll : scanLive).all(objectName.toLowerCase()).map(parse);
    },
    byId(id) {
      const id18 = to18(id);
      const data = id18 ? selectById.get(id18) : undefined;
      return data === undefined ? undefined : parse(data);
    },
    lookup(objectName, fieldName, value) {
      if (fieldName.toLowerCase() === 'id') {
        const id18 = typeof value === 'string' ? to18(value) : undefined;
        const sameObject = id18 !== undefined && selectObjectById.get(id18) === objectName.toLowerCase();
        return sameObject ? [this.byId(id18)!] : [];
      }
      const field = schema.object(objectName)?.fields.get(fieldName.toLowerCase());
      if (!field || !(field.unique || field.externalId)) return undefined;
      const key = indexKey(field, value);
      return key === undefined ? [] : selectByKey.all(objectName.toLowerCase(), field.name.toLowerCase(), key).map(parse);
    },
    insert: (objectName, record) => atomically(() => put(objectName, record, true)),
    replace: (objectName, record) => atomically(() => put(objectName, record, false)),
    softDelete(objectName, id) {
      const current = this.byId(id);
      if (current) this.replace(objectName, { ...current, IsDeleted: true });
    },
    begin() {
      if (db.inTransaction) return { commit: () => undefined, rollback: () => undefined };
      beginTx.run();
      return {
        commit: () => {
          if (db.inTransaction) commitTx.run();
        },
        rollback,
      };
    },
    transaction(fn) {
      if (db.inTransaction) return fn();
      beginTx.run();
      try {
        const result = fn();
        commitTx.run();
        return result;
      } catch (err) {
        rollback();
        throw err;
      }
    },
  };
  return store;
}
