import type { RecordSource, StoredRecord } from '../soql/types.js';

/**
 * Where an org keeps its records. Synchronous on purpose: the in-memory store and a
 * better-sqlite3 one (for --data-dir) can both implement it, and a request's writes run inside one
 * `transaction` that either lands whole or not at all (allOrNone).
 */
export interface RecordStore extends RecordSource {
  /** Adds a record (with its 18-char Id and all system fields already set). */
  insert(objectName: string, record: StoredRecord): void;
  /** Replaces a record by Id with the given full record; returns it. */
  replace(objectName: string, record: StoredRecord): void;
  /** Soft-deletes (IsDeleted = true): gone for scan/lookup, visible to queryAll. */
  softDelete(objectName: string, id: string): void;
  /**
   * Runs `fn`; when it throws, every change it made is undone before the error propagates.
   * Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Opens a transaction that spans awaits (/composite runs subrequests one by one); writes by
   * other requests meanwhile join it. Until `commit` or `rollback`, `transaction` calls join it.
   */
  begin(): { commit(): void; rollback(): void };
}
