import { createRecordValidator, type RecordValidator, type SchemaObject } from '@orgkit/datacloud-schema';
import type { Stream } from './connectors.js';

/** One record's problem as the validation report lists it. */
export interface RecordProblem {
  recordIndex: number;
  field?: string;
  message: string;
}

const fieldValidators = new WeakMap<Stream, Map<string, RecordValidator>>();

/** A validator of one field alone, so a record's reason can be pinned to the field that caused it. */
function fieldValidator(stream: Stream, name: string): RecordValidator {
  let byField = fieldValidators.get(stream);
  if (!byField) fieldValidators.set(stream, (byField = new Map()));
  let validate = byField.get(name);
  if (!validate) {
    const field = stream.schemaObject.field(name)!;
    const single: SchemaObject = { name: stream.object, fields: [field], field: (n) => (n === field.name ? field : undefined) };
    validate = createRecordValidator(single);
    byField.set(name, validate);
  }
  return validate;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why record `index` is refused, with the field to blame (found in the validator's own order:
 * unknown keys and bad values as the keys come, then missing fields); undefined when it is fine.
 */
export function findRecordProblem(stream: Stream, record: unknown, index: number): RecordProblem | undefined {
  const reason = stream.validate(record);
  if (reason === undefined) return blankKeyProblem(stream, record, index);
  if (!isPlainObject(record)) return { recordIndex: index, message: reason };
  const blamed =
    Object.keys(record).find((key) => !stream.schemaObject.field(key) || fieldValidator(stream, key)({ [key]: record[key] }) !== undefined) ??
    stream.fields.find((f) => !Object.hasOwn(record, f.name))?.name;
  return { recordIndex: index, ...(blamed !== undefined ? { field: blamed } : {}), message: reason };
}

/** The schema allows a blank in every field, but a row without its key could never be upserted or deleted. */
function blankKeyProblem(stream: Stream, record: unknown, index: number): RecordProblem | undefined {
  const name = stream.primaryKey.name;
  const key = (record as Record<string, unknown>)[name];
  if (key !== null && key !== '') return undefined;
  return { recordIndex: index, field: name, message: `field "${name}": it is the data stream's primary key and cannot be blank` };
}

/** Every problem in a batch, up to `limit` of them. */
export function findRecordProblems(stream: Stream, records: readonly unknown[], limit = 1000): RecordProblem[] {
  const problems: RecordProblem[] = [];
  for (let i = 0; i < records.length && problems.length < limit; i++) {
    const problem = findRecordProblem(stream, records[i], i);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** 'record 3: field "batteryLevel": …' — the validator's reasons already name the field. */
export const describeProblem = (p: RecordProblem): string => `record ${p.recordIndex}: ${p.message}`;
