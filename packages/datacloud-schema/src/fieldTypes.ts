import type { FieldType } from './types.js';

const STRING_FORMATS: Record<string, FieldType> = { 'date-time': 'datetime', date: 'date', email: 'email', phone: 'phone', url: 'url', uri: 'url' };
// float/double are OpenAPI's number formats; they change nothing in Data Cloud.
const NUMBER_FORMATS: Record<string, FieldType> = { float: 'number', double: 'number', percent: 'percent' };

const NESTED_HINT = 'Data Cloud objects are flat: nested objects and arrays are not supported; flatten them into fields';

/** The Data Cloud type of an OpenAPI property, or why Data Cloud has none for it. */
export function fieldTypeOf(definition: unknown): { type: FieldType } | { error: string } {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return { error: 'a field must be a mapping with a type (string, number or boolean)' };
  }
  const def = definition as Record<string, unknown>;
  if ('$ref' in def) return { error: `$ref is not supported: ${NESTED_HINT}` };
  if (def.type === 'object' || def.type === 'array' || 'properties' in def || 'items' in def) return { error: NESTED_HINT };
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    if (combinator in def) return { error: `${combinator} is not supported: give the field one type` };
  }
  const format = def.format;
  if (format !== undefined && typeof format !== 'string') return { error: 'format must be a string' };
  switch (def.type) {
    case 'string':
      if (format === undefined) return { type: 'text' };
      return STRING_FORMATS[format] ? { type: STRING_FORMATS[format] } : { error: `format "${format}" is not a Data Cloud string format (use date, date-time, email, phone or url, or no format for text)` };
    case 'number':
      if (format === undefined) return { type: 'number' };
      return NUMBER_FORMATS[format] ? { type: NUMBER_FORMATS[format] } : { error: `format "${format}" is not a Data Cloud number format (use percent, or no format)` };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { error: 'type integer is not a Data Cloud field type: use type: number' };
    case undefined:
      return { error: 'type is missing: use string, number or boolean (with a format for dates, emails, phones, percents and URLs)' };
    default:
      return { error: `type ${JSON.stringify(def.type)} is not a Data Cloud field type: use string, number or boolean` };
  }
}
