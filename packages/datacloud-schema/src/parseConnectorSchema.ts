import { LineCounter, isMap, parseDocument, type Document } from 'yaml';
import { fieldTypeOf } from './fieldTypes.js';
import { nameProblem } from './names.js';
import { SchemaError } from './schemaError.js';
import type { ConnectorSchema, SchemaField, SchemaObject, SchemaProblem } from './types.js';

const MAX_FIELDS = 1000;
// A YAML alias bomb expands to gigabytes; a real schema never needs more aliases than this.
const MAX_ALIAS_COUNT = 50;

type Path = (string | number)[];

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function buildObject(name: string, fields: SchemaField[]): SchemaObject {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return { name, fields, field: (fieldName) => byName.get(fieldName) };
}

/** Collects problems with the line each one is on. */
function problemCollector(doc: Document, lines: LineCounter) {
  const problems: SchemaProblem[] = [];
  const lineOf = (path: Path): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
  const add = (path: Path, message: string): void => {
    const line = lineOf(path);
    problems.push({ path: path.join('.'), ...(line === undefined ? {} : { line }), message });
  };
  return { problems, add };
}

function readFields(objectPath: Path, properties: Record<string, unknown>, add: (path: Path, message: string) => void): SchemaField[] {
  const fields: SchemaField[] = [];
  const seen = new Map<string, string>();
  for (const [name, definition] of Object.entries(properties)) {
    const path = [...objectPath, 'properties', name];
    const bad = nameProblem('field', name);
    if (bad) add(path, bad);
    const twin = seen.get(name.toLowerCase());
    if (twin !== undefined) add(path, `field "${name}" duplicates "${twin}": Data Cloud compares field names case-insensitively`);
    seen.set(name.toLowerCase(), name);
    const typed = fieldTypeOf(definition);
    if ('error' in typed) add(path, typed.error);
    else fields.push({ name, type: typed.type });
  }
  return fields;
}

/**
 * Reads a connector's OpenAPI 3.0 YAML — the file uploaded to Data Cloud — and checks it against
 * Data Cloud's schema rules, reporting every problem at once with its line.
 */
export function parseConnectorSchema(yamlText: string, source = '<schema>'): ConnectorSchema {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new SchemaError('INVALID_SCHEMA', source, doc.errors.map((e) => ({ path: '', ...(e.linePos ? { line: e.linePos[0].line } : {}), message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` })));
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new SchemaError('INVALID_SCHEMA', source, [{ path: '', message: `YAML could not be expanded: ${(err as Error).message}` }]);
  }
  const { problems, add } = problemCollector(doc, lines);
  const fail = (): never => {
    throw new SchemaError('INVALID_SCHEMA', source, problems);
  };
  if (!isMap(doc.contents) || !isRecord(root)) {
    add([], 'the file must be an OpenAPI 3.0 document (a YAML mapping with openapi and components.schemas)');
    return fail();
  }
  if (typeof root.openapi !== 'string' || !/^3\.0(\.\d+)?$/.test(root.openapi)) {
    add(['openapi'], `Data Cloud accepts OpenAPI 3.0.x documents: set openapi: 3.0.3 (found ${root.openapi === undefined ? 'nothing' : JSON.stringify(root.openapi)})`);
  }
  const schemas = isRecord(root.components) ? root.components.schemas : undefined;
  if (!isRecord(schemas) || Object.keys(schemas).length === 0) {
    add(isRecord(root.components) ? ['components'] : [], 'components.schemas must define at least one object');
    return fail();
  }
  const objects: SchemaObject[] = [];
  const seen = new Map<string, string>();
  for (const [name, definition] of Object.entries(schemas)) {
    const path = ['components', 'schemas', name];
    const bad = nameProblem('object', name);
    if (bad) add(path, bad);
    const twin = seen.get(name.toLowerCase());
    if (twin !== undefined) add(path, `object "${name}" duplicates "${twin}": Data Cloud compares object names case-insensitively`);
    seen.set(name.toLowerCase(), name);
    if (!isRecord(definition) || definition.type !== 'object') {
      add(path, 'an object must be a mapping with type: object and its fields under properties');
      continue;
    }
    const properties = definition.properties;
    if (!isRecord(properties) || Object.keys(properties).length === 0) {
      add(path, `object "${name}" needs at least one field under properties`);
      continue;
    }
    const count = Object.keys(properties).length;
    if (count > MAX_FIELDS) add([...path, 'properties'], `object "${name}" has ${count} fields; Data Cloud allows at most ${MAX_FIELDS}`);
    objects.push(buildObject(name, readFields(path, properties, add)));
  }
  if (problems.length > 0) fail();
  const byName = new Map(objects.map((o) => [o.name, o]));
  return { objects, object: (objectName) => byName.get(objectName) };
}
