import type { SchemaField } from './types.js';
import { VALUE_CHECKS } from './valueChecks.js';

const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

const parseText = (field: SchemaField, text: string): unknown => {
  switch (field.type) {
    case 'number':
    case 'percent':
      return NUMBER_TEXT.test(text.trim()) ? Number(text.trim()) : text;
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : text;
    }
    default:
      return text;
  }
};

/** A CSV cell as the field's typed value: an empty cell is null, as in Data Cloud's bulk CSV rules. */
export function coerceTextValue(field: SchemaField, text: string): { value: unknown } | { error: string } {
  if (text === '') return { value: null };
  const value = parseText(field, text);
  const problem = VALUE_CHECKS[field.type](value);
  return problem === undefined ? { value } : { error: `field "${field.name}": ${problem}` };
}

/** A typed value as CSV cell text (blank for null), the inverse of coerceTextValue. */
export function formatTextValue(_field: SchemaField, value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}
