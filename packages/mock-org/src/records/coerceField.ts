import { SfApiError, jsonParserError } from '../errors.js';
import { to18 } from '../ids.js';
import type { FieldDef } from '../schema/types.js';
import { formatDatetime, isValidDate, parseDatetime } from './datetime.js';

const JAVA_TYPE: Partial<Record<FieldDef['type'], string>> = { boolean: 'boolean', int: 'int', double: 'double', currency: 'double', percent: 'double', date: 'date', datetime: 'datetime' };

/** The real API fails these in its JSON deserializer, before any field rule runs. */
function cannotDeserialize(field: FieldDef, value: unknown): SfApiError {
  const token = typeof value === 'string' ? 'VALUE_STRING' : typeof value === 'number' ? 'VALUE_NUMBER_INT' : typeof value === 'boolean' ? `VALUE_${String(value).toUpperCase()}` : Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT';
  const shown = typeof value === 'object' ? '' : ` value ${String(value)}`;
  return jsonParserError(`Cannot deserialize instance of ${JAVA_TYPE[field.type] ?? 'string'} from ${token}${shown} or request may be missing a required field`);
}

/**
 * Turns a JSON value into what the store keeps for this field, enforcing the field's type:
 * text length, number range and scale, restricted picklists, date and datetime formats, id shapes.
 */
export function coerceField(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw cannotDeserialize(field, value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw cannotDeserialize(field, value);
      const scale = field.scale ?? 0;
      const rounded = field.type === 'int' ? Math.round(n) : Number(n.toFixed(scale));
      const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
      if (field.precision !== undefined && Math.trunc(Math.abs(rounded)) !== 0 && integerDigits > field.precision - scale) {
        throw new SfApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${String(value)}`, [field.name]);
      }
      return rounded;
    }
    case 'date': {
      if (typeof value !== 'string') throw cannotDeserialize(field, value);
      const day = value.slice(0, 10);
      if (!isValidDate(day) || (value.length > 10 && !parseDatetime(value))) throw cannotDeserialize(field, value);
      return day;
    }
    case 'datetime': {
      if (typeof value !== 'string') throw cannotDeserialize(field, value);
      const date = parseDatetime(value);
      if (!date) throw cannotDeserialize(field, value);
      return formatDatetime(date);
    }
    case 'reference':
    case 'id': {
      if (typeof value !== 'string') throw cannotDeserialize(field, value);
      const id = to18(value);
      if (!id) throw new SfApiError(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]);
      return id;
    }
    default:
      return coerceText(field, value);
  }
}

function coerceText(field: FieldDef, value: unknown): string {
  if (typeof value === 'object') throw cannotDeserialize(field, value);
  const text = String(value);
  if (field.length !== undefined && text.length > field.length) {
    throw new SfApiError(400, 'STRING_TOO_LONG', `${field.label}: data value too large: ${text} (max length=${field.length})`, [field.name]);
  }
  if ((field.type === 'picklist' || field.type === 'multipicklist') && field.restrictedPicklist) {
    const parts = field.type === 'multipicklist' ? text.split(';') : [text];
    const canonical = parts.map((part) => field.picklistValues?.find((p) => p.value.toLowerCase() === part.toLowerCase())?.value);
    if (canonical.some((c) => c === undefined)) {
      throw new SfApiError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`, [field.name]);
    }
    return canonical.join(';');
  }
  return text;
}
