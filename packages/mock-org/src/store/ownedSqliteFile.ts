import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DataDirError } from './dataDirError.js';

/**
 * Opens (creating if needed) a SQLite file that this process alone owns, in WAL mode; `init` runs
 * inside the same error handling (tables, format checks). Every failure is a DataDirError that
 * says what to do.
 */
export function openOwnedSqliteFile(path: string, noun: string, init: (db: Database.Database) => void = () => {}): Database.Database {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new DataDirError(`Cannot create the data directory ${dirname(path)} (${(err as Error).message}). Pass a dataDir you can write to, or leave dataDir out to keep the org in memory.`, { cause: err });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: 1000 });
    // One process owns the file: a second mock org on the same dataDir fails here instead of
    // interleaving writes. The OS drops the lock when the owner dies, even by kill -9.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is appended to the WAL with write() before it returns, so every
    // acknowledged write survives a crash or kill -9 of this process; only an OS crash or power
    // loss can drop the last commits (never corrupt the file).
    db.pragma('synchronous = NORMAL');
    // 64 MB of page cache (the default is 2 MB): paging and index lookups stay off the disk.
    db.pragma('cache_size = -65536');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    init(db);
    return db;
  } catch (err) {
    db?.close();
    const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
    const why = busy ? 'another running mock org holds it' : (err as Error).message;
    throw new DataDirError(`Cannot open the ${noun} ${path}: ${why}. ${busy ? 'Stop the other process or pass another dataDir.' : `Pass another dataDir, or delete the file to start afresh.`}`, { cause: err });
  }
}
