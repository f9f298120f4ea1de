import type Database from 'better-sqlite3';
import { badRequest } from './tenantErrors.js';

/** The Query API's column metadata: a SQL type name and its JDBC type code. */
export interface QueryColumn {
  name: string;
  type: string;
  typeCode: number;
}

export interface QueryResult {
  columns: QueryColumn[];
  rows: unknown[][];
}

/** Declared DLO column type → Query API type (see COLUMN_TYPES). */
const DECLARED: Record<string, { type: string; typeCode: number }> = {
  TEXT: { type: 'VARCHAR', typeCode: 12 },
  REAL: { type: 'DECIMAL', typeCode: 3 },
  BOOLEAN: { type: 'BOOLEAN', typeCode: 16 },
  DATE: { type: 'DATE', typeCode: 91 },
  DATETIME: { type: 'TIMESTAMP WITH TIME ZONE', typeCode: 2014 },
};

/** Expressions (COUNT(*), MAX(x)+1) have no declared type: judge by the values. */
function inferType(rows: unknown[][], index: number): { type: string; typeCode: number } {
  const values = rows.map((r) => r[index]).filter((v) => v !== null && v !== undefined);
  if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isInteger(v))) return { type: 'BIGINT', typeCode: -5 };
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return { type: 'DECIMAL', typeCode: 3 };
  return DECLARED.TEXT!;
}

/**
 * Runs one SQL statement over the DLOs. Only statements that read and return rows are allowed:
 * `readonly` alone would let BEGIN through, which would wrap every later upsert in a transaction.
 */
export function runDloQuery(db: Database.Database, sql: string): QueryResult {
  let statement: Database.Statement;
  try {
    statement = db.prepare(sql);
  } catch (err) {
    throw badRequest(`the SQL does not compile: ${(err as Error).message}.`);
  }
  if (!statement.readonly || !statement.reader) throw badRequest('the Query API runs read-only SELECT statements only.');
  let rows: unknown[][];
  try {
    rows = statement.raw(true).all() as unknown[][];
  } catch (err) {
    throw badRequest(`the query failed: ${(err as Error).message}.`);
  }
  const columns = statement.columns().map((c, i): QueryColumn => {
    const declared = c.type === null ? undefined : DECLARED[c.type.toUpperCase()];
    if (declared?.type === 'BOOLEAN') for (const row of rows) row[i] = row[i] === null ? null : row[i] === 1;
    return { name: c.name, ...(declared ?? inferType(rows, i)) };
  });
  return { columns, rows };
}
