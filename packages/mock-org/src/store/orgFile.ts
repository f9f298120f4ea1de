import type Database from 'better-sqlite3';
import { DataDirError } from './dataDirError.js';
import { openOwnedSqliteFile } from './ownedSqliteFile.js';
import type { Session, SessionBacking } from '../auth/sessions.js';
import { fromBase62, ID_COUNTER_WIDTH } from '../ids.js';
import type { DeployLog, DeployLogEntry } from '../metadata/types.js';
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

export { DataDirError };

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
  /** What deploys applied, so a restart restores the deployed schema and SAML side. */
  deployLog: DeployLog;
  close(): void;
}

const FORMAT_VERSION = 1;


const ORG_TABLES = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS refresh_tokens (token TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS deployed_components (seq INTEGER PRIMARY KEY, component TEXT NOT NULL UNIQUE, data TEXT NOT NULL);
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
  return openOwnedSqliteFile(path, 'org file', (db) => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > FORMAT_VERSION) throw new Error(`it was written by a newer @orgkit/mock-org (format ${version}, this one reads ${FORMAT_VERSION})`);
    db.exec(ORG_TABLES);
    db.pragma(`user_version = ${FORMAT_VERSION}`);
  });
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
  const dropDeployed = db.prepare<[string]>('DELETE FROM deployed_components WHERE component = ?');
  const insertDeployed = db.prepare<[string, string]>('INSERT INTO deployed_components (component, data) VALUES (?, ?)');
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
    deployLog: {
      load: () => db.prepare<[], string>('SELECT data FROM deployed_components ORDER BY seq').pluck().all().map((d) => JSON.parse(d) as DeployLogEntry),
      append: (entries) => {
        // One transaction: a deploy's components are kept together or not at all. A redeployed
        // component replaces its earlier row and moves to the end, so the log stays one row per
        // component in the order they were last deployed.
        db.transaction(() => {
          for (const e of entries) {
            const component = `${e.type}:${e.fullName.toLowerCase()}`;
            dropDeployed.run(component);
            insertDeployed.run(component, JSON.stringify(e));
          }
        })();
      },
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
