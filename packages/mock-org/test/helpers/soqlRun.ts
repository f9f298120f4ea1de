import { executeSoql } from '../../src/soql/executeSoql.js';
import { SoqlError, type QueryRow, type SoqlContext } from '../../src/soql/types.js';
import { makeContext } from './soqlFixture.js';

/** Runs a query against the shared fixture (or `ctx`). */
export function query(soql: string, ctx: SoqlContext = makeContext()): QueryRow[] {
  return executeSoql(soql, ctx).rows;
}

/** The values of one column, in row order. */
export function column(soql: string, key = 'Name', ctx?: SoqlContext): unknown[] {
  return query(soql, ctx).map((r) => r[key]);
}

/** The SoqlError a query fails with; fails the test when it succeeds or throws anything else. */
export function soqlError(soql: string, ctx: SoqlContext = makeContext()): SoqlError {
  try {
    executeSoql(soql, ctx);
  } catch (err) {
    if (err instanceof SoqlError) return err;
    throw new Error(`expected a SoqlError, got ${String(err)}`);
  }
  throw new Error(`expected ${soql} to fail`);
}
