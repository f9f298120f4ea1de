import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Session, SessionBacking } from '../auth/sessions.js';
import { fromBase62, ID_COUNTER_WIDTH } from '../ids.js';
import type { ConnectedApp, MockUser } from '../org.js';
import type { SchemaView } from '../schema/types.js';
import { createSqliteStore } from './sqliteStore.js';
import type { RecordStore } from './types.js';

/** What makes an org the same org after a restart: its id, id pod, users and connected app (keys included). */
export interface OrgIdentity {
  orgId: string;
  /** The 2-character pod in every id the org makes. */
  pod: string;
  users: MockUser[];
  connectedApp: ConnectedApp;
}

/** The SQLite file one org lives in (`<dataDir>/<org-name-slug>.sqlite`). */
export interface OrgFile {
  path: string;
  store: RecordStore;
  /** The identity saved by an earlier run; undefined for a new file. */
  identity: OrgIdentity | undefined;
  saveIdentity(identity: OrgIdentity): void;
  /** The id counter after the highest one among stored records with this pod. */
  nextIdCounter(pod: string): number | undefined;
  /** AutoNumber counters; every `set` is written to the file (in the caller's transaction, if any). */
  autoNumberCounters: Map<string, number>;
  sessions: SessionBacking;
  close(): void;
}

const FORMAT_VERSION = 1;

/** A dataDir that cannot hold the org's file. `code` is DATA_DIR_UNUSABLE. */
export class DataDirError extends Error {
  readonly code = 'DATA_DIR_UNUSABLE';
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'DataDirError';
  }
}

const ORG_TABLES = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS refresh_tokens (token TEXT PRIMARY KEY, data TEXT NOT NULL);
`;

/** A Map whose writes also land in the counters table. */
class PersistedCounters extends Map<string, number> {
  constructor(private readonly write: (name: string, value: number) => void) {
    super();
  }
  override set(name: string, value: number): this {
    this.write(name, value);
    return super.set(name, value);
  }
}

function open(path: string): Database.Database {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new DataDirError(`Cannot create the data directory ${dirname(path)} (${(err as Error).message}). Pass a dataDir you can write to, or leave dataDir out to keep the org in memory.`, { cause: err });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: 1000 });
    // One process owns the file: a second mock org on the same dataDir fails here instead of
    // interleaving ids. The OS drops the lock when the owner dies, even by kill -9.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is appended to the WAL with write() before it returns, so every
    // acknowledged write survives a crash or kill -9 of this process; only an OS crash or power
    // loss can drop the last commits (never corrupt the file).
    db.pragma('synchronous = NORMAL');
    // 64 MB of page cache (the default is 2 MB): paging and index lookups stay off the disk.
    db.pragma('cache_size = -65536');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > FORMAT_VERSION) throw new Error(`it was written by a newer @orgkit/mock-org (format ${version}, this one reads ${FORMAT_VERSION})`);
    db.exec(ORG_TABLES);
    db.pragma(`user_version = ${FORMAT_VERSION}`);
    return db;
  } catch (err) {
    db?.close();
    const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
    const why = busy ? 'another running mock org holds it' : (err as Error).message;
    throw new DataDirError(`Cannot open the org file ${path}: ${why}. ${busy ? 'Stop the other process or pass another dataDir.' : 'Pass another dataDir, or delete the file to start the org afresh.'}`, { cause: err });
  }
}

/** Opens (creating if needed) an org's SQLite file; throws DataDirError when it cannot. */
export function openOrgFile(path: string, schema: SchemaView): OrgFile {
  const db = open(path);
  let store: RecordStore;
  try {
    store = createSqliteStore(db, schema);
  } catch (err) {
    db.close();
    throw err;
  }
  const getMeta = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const setMeta = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const setCounter = db.prepare<[string, number]>('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  const saveSession = db.prepare<[string, string]>('INSERT INTO sessions (token, data) VALUES (?, ?) ON CONFLICT (token) DO UPDATE SET data = excluded.data');
  const deleteSession = db.prepare<[string]>('DELETE FROM sessions WHERE token = ?');
  const saveRefresh = db.prepare<[string, string]>('INSERT INTO refresh_tokens (token, data) VALUES (?, ?) ON CONFLICT (token) DO UPDATE SET data = excluded.data');
  const deleteRefresh = db.prepare<[string]>('DELETE FROM refresh_tokens WHERE token = ?');
  // Ids are prefix (3) + pod (2) + '0' + a fixed-width base-62 counter; base-62 digits sort in
  // byte order, so the greatest text is the greatest counter.
  const maxCounter = db.prepare<[string], string | null>(`SELECT max(substr(id, 7, ${ID_COUNTER_WIDTH})) FROM records WHERE substr(id, 4, 2) = ?`).pluck();

  const identityJson = getMeta.get('identity');
  const autoNumberCounters = new PersistedCounters((name, value) => setCounter.run(name, value));
  for (const row of db.prepare<[], { name: string; value: number }>('SELECT name, value FROM counters').all()) Map.prototype.set.call(autoNumberCounters, row.name, row.value);

  return {
    path,
    store,
    identity: identityJson === undefined ? undefined : (JSON.parse(identityJson) as OrgIdentity),
    saveIdentity: (identity) => void setMeta.run('identity', JSON.stringify(identity)),
    nextIdCounter(pod) {
      const max = maxCounter.get(pod);
      return typeof max === 'string' ? fromBase62(max) + 1 : undefined;
    },
    autoNumberCounters,
    sessions: {
      load: () => ({
        sessions: db.prepare<[], string>('SELECT data FROM sessions').pluck().all().map((d) => JSON.parse(d) as Session),
        refreshTokens: db
          .prepare<[], { token: string; data: string }>('SELECT token, data FROM refresh_tokens')
          .all()
          .map((r) => [r.token, JSON.parse(r.data) as { userId: string; clientId: string }]),
      }),
      saveSession: (session) => void saveSession.run(session.accessToken, JSON.stringify(session)),
      deleteSession: (token) => void deleteSession.run(token),
      saveRefreshToken: (token, owner) => void saveRefresh.run(token, JSON.stringify(owner)),
      deleteRefreshToken: (token) => void deleteRefresh.run(token),
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
