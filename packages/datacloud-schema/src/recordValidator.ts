import type { SchemaObject } from './types.js';
import { VALUE_CHECKS, isBlank, type ValueCheck } from './valueChecks.js';

/** The reason a record is invalid for the object, or undefined when it is valid. */
export type RecordValidator = (record: unknown) => string | undefined;

/**
 * Compiles the object's rules once, so checking a record is a map lookup per key: the streamer runs
 * this on every event. The rules are Data Cloud's: every schema field present (null or "" when
 * there is no value), no other keys, and each value of its field's type.
 */
export function createRecordValidator(object: SchemaObject): RecordValidator {
  const checks = new Map<string, ValueCheck>(object.fields.map((f) => [f.name, VALUE_CHECKS[f.type]]));
  const fieldCount = object.fields.length;
  return (record) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return `expected a JSON object with the fields of ${object.name}, got ${Array.isArray(record) ? 'an array' : record === null ? 'null' : typeof record}`;
    }
    const values = record as Record<string, unknown>;
    let present = 0;
    for (const key of Object.keys(values)) {
      const check = checks.get(key);
      if (check === undefined) return `unknown field "${key}": ${object.name} has no such field (names are case-sensitive)`;
      present++;
      const value = values[key];
      if (value === undefined || isBlank(value)) continue;
      const problem = check(value);
      if (problem !== undefined) return `field "${key}": ${problem}`;
    }
    if (present === fieldCount) return undefined;
    const missing = object.fields.find((f) => !Object.hasOwn(values, f.name))!;
    return `missing field "${missing.name}": every ${object.name} field must be present; send null or "" when there is no value`;
  };
}
