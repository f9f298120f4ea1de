import Database from 'better-sqlite3';
import { openOwnedSqliteFile } from '../store/ownedSqliteFile.js';

/**
 * The tenant's data lake: in memory, or `<dataDir>/<org-slug>-datacloud.sqlite`, owned by this
 * process in WAL mode like the org's own file, so a 202'd (landed) row survives kill -9.
 */
export function openTenantDatabase(path: string | undefined): Database.Database {
  return path === undefined ? new Database(':memory:') : openOwnedSqliteFile(path, 'Data Cloud tenant file');
}
