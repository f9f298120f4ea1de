import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { SsoCheckError } from './ssoCheckError.js';

/**
 * Headers that hold the identity the IdP sends as NameID, in the order they are preferred when a
 * file has several; compared lowercase without punctuation (`Federation ID`, `nameId`, `E-mail`).
 */
export const IDP_ID_HEADERS = ['federationid', 'federationidentifier', 'nameid', 'email', 'username'] as const;

const normalize = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The identities in an IdP user export (CSV with a header row), from the first accepted column found. */
export function readIdpUsers(file: string): { column: string; ids: string[] } {
  let rows: string[][];
  try {
    rows = parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new SsoCheckError('IDP_USERS_UNREADABLE', `Cannot read the IdP user export ${file} (${reason}): pass a CSV file with a header row.`);
  }
  const header = rows[0] ?? [];
  const index = IDP_ID_HEADERS.map((name) => header.findIndex((h) => normalize(h) === name)).find((i) => i >= 0);
  if (index === undefined) {
    throw new SsoCheckError(
      'IDP_USERS_NO_ID_COLUMN',
      `The IdP user export ${file} has no identity column (found: ${header.join(', ') || 'no header'}). Name the column with the value the IdP sends as NameID federationId, nameId, email or username.`,
    );
  }
  return { column: header[index]!, ids: rows.slice(1).map((row) => row[index] ?? '').filter((id) => id !== '') };
}
