import type { SchemaView } from '../schema/types.js';

/**
 * A stored record: canonical field names (as in FieldDef.name) to values. Dates are
 * 'yyyy-MM-dd' strings, datetimes ISO-8601 UTC strings ('2026-11-26T15:08:25.000+0000' is how the
 * REST API renders them), numbers numbers, booleans booleans, missing/blank null. Always has `Id`
 * (18-char), plus `IsDeleted` for objects that are soft-deleted.
 */
export type StoredRecord = Readonly<Record<string, unknown>>;

/** Where the SOQL engine reads records from; the store implements it. */
export interface RecordSource {
  /** Every live record of the object (and the deleted ones too when includeDeleted: queryAll). */
  scan(objectName: string, options: { includeDeleted: boolean }): Iterable<StoredRecord>;
  /** One record by 15- or 18-char id, any object; undefined when absent. */
  byId(id: string): StoredRecord | undefined;
  /**
   * Records whose `fieldName` equals `value` (case-insensitive for text), using an index when the
   * field is Id, unique or an external id; undefined when the field has no index (the engine
   * then scans).
   */
  lookup?(objectName: string, fieldName: string, value: unknown): Iterable<StoredRecord> | undefined;
}

export interface SoqlContext {
  schema: SchemaView;
  records: RecordSource;
  /** "Now" for TODAY, LAST_N_DAYS etc. (tests pin it). */
  now: Date;
  /** queryAll: deleted records too. */
  includeDeleted: boolean;
  /** The running user's id, for OwnerId = :userId-style defaults (not needed by the parser). */
  userId?: string;
}

/** A result row as the REST API renders it: `attributes` first, then the selected fields. */
/** AggregateResult rows carry no `url`, as the REST API renders them. */
export type QueryRow = Record<string, unknown> & { attributes: { type: string; url?: string } };

export interface SoqlResult {
  /** For COUNT() alone: the count, and no rows. */
  totalSize: number;
  rows: QueryRow[];
}

/** The error the REST layer renders as 400 `[{"message", "errorCode"}]`. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode:
      | 'MALFORMED_QUERY'
      | 'INVALID_FIELD'
      | 'INVALID_TYPE'
      | 'INVALID_QUERY_FILTER_OPERATOR'
      | 'NUMBER_OUTSIDE_VALID_RANGE',
    message: string,
  ) {
    super(message);
    this.name = 'SoqlError';
  }
}
