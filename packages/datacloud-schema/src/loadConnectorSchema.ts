import { readFileSync } from 'node:fs';
import { parseConnectorSchema } from './parseConnectorSchema.js';
import { SchemaError } from './schemaError.js';
import type { ConnectorSchema } from './types.js';

/** Reads and checks a connector schema file (the .yaml uploaded to Data Cloud). */
export function loadConnectorSchema(file: string): ConnectorSchema {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new SchemaError('SCHEMA_NOT_READABLE', file, [{ path: '', message: `cannot read the schema file (${reason}); pass the connector's OpenAPI YAML` }]);
  }
  return parseConnectorSchema(text, file);
}
