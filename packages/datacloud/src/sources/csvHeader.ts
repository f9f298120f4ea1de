import type { SchemaObject } from '@orgkit/datacloud-schema';
import { SourceError } from './sourceError.js';

/** Checks a CSV header names exactly the object's fields (any order), before any row is read. */
export function checkCsvHeader(header: readonly string[], object: SchemaObject, inputName: string): void {
  const names = new Set(object.fields.map((f) => f.name));
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  for (const column of header) {
    if (seen.has(column)) duplicate.push(column);
    else if (!names.has(column)) unknown.push(column);
    seen.add(column);
  }
  const missing = object.fields.map((f) => f.name).filter((n) => !seen.has(n));
  if (unknown.length + missing.length + duplicate.length === 0) return;
  const list = (label: string, items: string[]) => (items.length > 0 ? [`${label} ${items.map((c) => JSON.stringify(c)).join(', ')}`] : []);
  const found = [...list('unknown column(s)', unknown), ...list('missing column(s)', missing), ...list('repeated column(s)', duplicate)];
  throw new SourceError(
    'CSV_HEADER_MISMATCH',
    `${inputName}: the header must name exactly the fields of ${object.name}: ${found.join('; ')}. Expected: ${object.fields.map((f) => f.name).join(',')}`,
  );
}
