export type { ConnectorSchema, FieldType, SchemaField, SchemaObject, SchemaProblem } from './types.js';
export { SchemaError, type SchemaErrorCode } from './schemaError.js';
export { parseConnectorSchema } from './parseConnectorSchema.js';
export { loadConnectorSchema } from './loadConnectorSchema.js';
export { createRecordValidator, type RecordValidator } from './recordValidator.js';
export { coerceTextValue, formatTextValue } from './textValues.js';
export { isIngestDate, isIngestDateTime } from './calendar.js';
export { RESERVED_FIELD_NAMES } from './names.js';
