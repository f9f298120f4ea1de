import { to18 } from '../ids.js';
import type { FieldDef, SchemaView } from '../schema/types.js';
import type { StoredRecord } from '../soql/types.js';
import { indexedFields as indexedFieldsOf, indexKey } from './indexKey.js';
import type { RecordStore } from './types.js';

/**
 * The in-memory store: a Map per object, one Id index, and indexes on unique and external-id
 * fields. Like scan with includeDeleted, `lookup` returns soft-deleted records too: the SOQL
 * engine filters them for /query and keeps them for /queryAll; writers skip them.
 */
export function createMemoryStore(schema: SchemaView): RecordStore {
  const tables = new Map<string, Map<string, StoredRecord>>();
  const ids = new Map<string, { objectName: string; record: StoredRecord }>();
  // object (lower) → field (lower) → key → ids
  const indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
  let undoLog: (() => void)[] | undefined;

  const tableOf = (objectName: string): Map<string, StoredRecord> => {
    const key = objectName.toLowerCase();
    let table = tables.get(key);
    if (!table) tables.set(key, (table = new Map()));
    return table;
  };
  const indexedFields = (objectName: string): FieldDef[] => indexedFieldsOf(schema, objectName);

  const indexFor = (objectName: string, fieldName: string): Map<string, Set<string>> => {
    const o = objectName.toLowerCase();
    let byField = indexes.get(o);
    if (!byField) indexes.set(o, (byField = new Map()));
    let index = byField.get(fieldName.toLowerCase());
    if (!index) byField.set(fieldName.toLowerCase(), (index = new Map()));
    return index;
  };

  const reindex = (objectName: string, record: StoredRecord, add: boolean): void => {
    for (const f of indexedFields(objectName)) {
      const key = indexKey(f, record[f.name]);
      if (key === undefined) continue;
      const index = indexFor(objectName, f.name);
      const set = index.get(key) ?? new Set<string>();
      if (add) set.add(record.Id as string);
      else set.delete(record.Id as string);
      if (set.size) index.set(key, set);
      else index.delete(key);
    }
  };

  const put = (objectName: string, record: StoredRecord): void => {
    const id = record.Id as string;
    const previous = ids.get(id);
    if (previous) reindex(objectName, previous.record, false);
    tableOf(objectName).set(id, record);
    ids.set(id, { objectName, record });
    reindex(objectName, record, true);
    undoLog?.push(() => {
      reindex(objectName, record, false);
      if (previous) {
        tableOf(objectName).set(id, previous.record);
        ids.set(id, previous);
        reindex(objectName, previous.record, true);
      } else {
        tableOf(objectName).delete(id);
        ids.delete(id);
      }
    });
  };

  return {
    scan(objectName, { includeDeleted }) {
      const rows = [...tableOf(objectName).values()];
      return includeDeleted ? rows : rows.filter((r) => r.IsDeleted !== true);
    },
    byId(id) {
      const id18 = to18(id);
      return id18 ? ids.get(id18)?.record : undefined;
    },
    lookup(objectName, fieldName, value) {
      if (fieldName.toLowerCase() === 'id') {
        const record = typeof value === 'string' ? this.byId(value) : undefined;
        const sameObject = record && ids.get(record.Id as string)?.objectName.toLowerCase() === objectName.toLowerCase();
        return sameObject ? [record] : [];
      }
      const field = schema.object(objectName)?.fields.get(fieldName.toLowerCase());
      if (!field || !(field.unique || field.externalId)) return undefined;
      const key = indexKey(field, value);
      const found = key === undefined ? undefined : indexes.get(objectName.toLowerCase())?.get(field.name.toLowerCase())?.get(key);
      return [...(found ?? [])].map((id) => ids.get(id)!.record);
    },
    insert: put,
    replace: put,
    softDelete(objectName, id) {
      const current = ids.get(id);
      if (current) put(objectName, { ...current.record, IsDeleted: true });
    },
    begin() {
      if (undoLog) return { commit: () => undefined, rollback: () => undefined };
      const log: (() => void)[] = [];
      undoLog = log;
      const end = (): void => {
        if (undoLog === log) undoLog = undefined;
      };
      return {
        commit: end,
        rollback: () => {
          end();
          for (const undo of log.reverse()) undo();
        },
      };
    },
    transaction(fn) {
      if (undoLog) return fn();
      const log: (() => void)[] = [];
      undoLog = log;
      try {
        return fn();
      } catch (err) {
        for (const undo of log.reverse()) undo();
        throw err;
      } finally {
        undoLog = undefined;
      }
    },
  };
}
