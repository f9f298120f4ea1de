import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { malformed, unsupported } from './errors.js';
import { SoqlError } from './types.js';

/** Salesforce's own cap on SOQL text; also bounds the parser's work on hostile input. */
export const MAX_QUERY_LENGTH = 100_000;

/** Turns the parser's long "expecting one of …" texts into Salesforce's terse form. */
function parserMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const found = /but found:?\s*(?:-->\s*)?'([^']*)'/.exec(text);
  if (found) return `unexpected token: '${found[1]}'`;
  const firstLine = text.split('\n')[0]!.trim();
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine || 'unparseable query';
}

/**
 * Parses SOQL and refuses, as MALFORMED_QUERY, every construct the engine does not emulate, so a
 * client never gets a silently wrong answer.
 */
export function parseSoql(soql: string): Query {
  if (typeof soql !== 'string' || soql.trim() === '') throw malformed('unexpected token: <EOF>');
  if (soql.length > MAX_QUERY_LENGTH) throw malformed(`SOQL statements cannot be longer than ${MAX_QUERY_LENGTH} characters`);
  let query: Query;
  try {
    // No options: passing any makes the parser rebuild its grammar (~40 ms a query). Bind
    // variables are refused by default, which is what the REST endpoint needs.
    query = parseQuery(soql);
  } catch (err) {
    if (err instanceof SoqlError) throw err;
    throw malformed(parserMessage(err));
  }
  if (!query.sObject) throw malformed('unexpected token: <EOF>');
  if (query.sObject.includes('.')) throw unsupported('a relationship path in FROM');
  if (query.usingScope) throw unsupported('USING SCOPE');
  if (query.withDataCategory) throw unsupported('WITH DATA CATEGORY');
  if (query.update) throw unsupported(`UPDATE ${query.update}`);
  // WITH SECURITY_ENFORCED / USER_MODE / SYSTEM_MODE and FOR VIEW / UPDATE / REFERENCE are
  // accepted and ignored: the mock has no sharing or field-level security to enforce.
  return query;
}
