import type { FieldDef } from '../schema/types.js';

/**
 * How a field's values compare: text case-insensitively, ids by their case-sensitive 15-char
 * form, dates and datetimes as UTC epoch milliseconds (a date is its UTC midnight), so one
 * comparison works for every operator.
 */
export type Key = string | number;

export type ValueKind = 'text' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';

export function kindOf(field: FieldDef): ValueKind {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return 'text';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** 'yyyy-MM-dd' → UTC midnight in ms, or undefined when malformed. */
export function dateToMs(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** ISO-8601 datetime with Z, +hh:mm or +hhmm (the REST rendering) → ms, or undefined. */
export function datetimeToMs(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), millis);
  const zone = m[8]!;
  if (zone === 'Z') return local;
  const digits = zone.replace(':', '');
  const offsetMinutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return local - (digits[0] === '-' ? -1 : 1) * offsetMinutes * 60_000;
}

export function idKey(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}

/** The comparison key of a stored value, null for blank. */
export function storedKey(field: FieldDef, value: unknown): Key | null {
  if (value === null || value === undefined || value === '') return null;
  switch (kindOf(field)) {
    case 'text':
      return String(value).toLowerCase();
    case 'id':
      return idKey(String(value));
    case 'boolean':
      return value === true || value === 'true' ? 1 : 0;
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isNaN(n) ? null : n;
    }
    case 'date':
      return typeof value === 'string' ? (dateToMs(value.slice(0, 10)) ?? null) : null;
    case 'datetime':
      return typeof value === 'string' ? (datetimeToMs(value) ?? dateToMs(value) ?? null) : null;
  }
}

export function compareKeys(a: Key, b: Key): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
