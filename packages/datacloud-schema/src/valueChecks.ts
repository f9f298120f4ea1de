import { isIngestDate, isIngestDateTime } from './calendar.js';
import type { FieldType } from './types.js';

/** The reason a non-blank value can't go into a field of this type, or undefined when it can. */
export type ValueCheck = (value: unknown) => string | undefined;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const describe = (value: unknown): string => {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
};

const string: ValueCheck = (v) => (typeof v === 'string' ? undefined : `expected a string, got ${describe(v)}`);

const number: ValueCheck = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `expected a number, got ${describe(v)}`);

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export const VALUE_CHECKS: Record<FieldType, ValueCheck> = {
  text: string,
  phone: string,
  email: (v) => string(v) ?? (EMAIL.test(v as string) ? undefined : `expected an email address, got ${describe(v)}`),
  url: (v) => string(v) ?? (isHttpUrl(v as string) ? undefined : `expected an http(s) URL, got ${describe(v)}`),
  number,
  percent: number,
  boolean: (v) => (typeof v === 'boolean' ? undefined : `expected true or false, got ${describe(v)}`),
  date: (v) => string(v) ?? (isIngestDate(v as string) ? undefined : `expected a date as yyyy-MM-dd, got ${describe(v)}`),
  datetime: (v) =>
    string(v) ?? (isIngestDateTime(v as string) ? undefined : `expected a UTC date-time as yyyy-MM-ddTHH:mm:ss.SSSZ, got ${describe(v)}`),
};

/** Data Cloud takes null or "" for "no value" in every field type. */
export const isBlank = (value: unknown): boolean => value === null || value === '';
