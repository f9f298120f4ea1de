import { createRecordValidator, type ConnectorSchema, type RecordValidator, type SchemaField, type SchemaObject } from '@orgkit/datacloud-schema';
import type { DloStore, DloTable } from './dloStore.js';
import { DataCloudConfigError } from './tenantErrors.js';
import type { StreamConfig } from './types.js';

/** One connector object's data stream: its schema, compiled validator and DLO. */
export interface Stream extends DloTable {
  schemaObject: SchemaObject;
  validate: RecordValidator;
  category: 'Engagement' | 'Profile' | 'Other';
  eventTimeField?: string;
}

export interface ConnectorRegistry {
  register(name: string, schema: ConnectorSchema, streams?: readonly StreamConfig[]): void;
  /** The stream, or undefined for an unknown connector or object. */
  stream(connector: string, object: string): Stream | undefined;
  hasConnector(connector: string): boolean;
}

// Schema names may hold '-'; tables are always quoted, so the same characters are safe here.
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const CATEGORIES: readonly string[] = ['Engagement', 'Profile', 'Other'];

/** Data Cloud's usual key names: `id` (any case), camelCase `eventId`, `device_id`/`DEVICE_ID`. */
const defaultPrimaryKey = (object: SchemaObject): SchemaField | undefined => object.fields.find((f) => /^id$/i.test(f.name) || /Id$/.test(f.name) || /_id$/i.test(f.name));

function buildStream(connector: string, object: SchemaObject, config: StreamConfig | undefined): Stream {
  const where = `connector ${connector}, object ${object.name}`;
  const primaryKey = config?.primaryKey !== undefined ? object.field(config.primaryKey) : defaultPrimaryKey(object);
  if (!primaryKey) {
    throw new DataCloudConfigError(
      config?.primaryKey !== undefined
        ? `${where}: primaryKey ${config.primaryKey} is not a field of the object. Name one of: ${object.fields.map((f) => f.name).join(', ')}.`
        : `${where}: no field named id or ending in Id/_id to use as the primary key. Configure streams[].primaryKey for this object.`,
    );
  }
  const category = config?.category ?? 'Other';
  if (!CATEGORIES.includes(category)) throw new DataCloudConfigError(`${where}: category ${String(category)} is not one of ${CATEGORIES.join(', ')}.`);
  const eventTime = config?.eventTimeField !== undefined ? object.field(config.eventTimeField) : undefined;
  if (config?.eventTimeField !== undefined && !eventTime) throw new DataCloudConfigError(`${where}: eventTimeField ${config.eventTimeField} is not a field of the object.`);
  if (eventTime && eventTime.type !== 'date' && eventTime.type !== 'datetime') throw new DataCloudConfigError(`${where}: eventTimeField ${eventTime.name} is ${eventTime.type}; it must be a date or datetime field.`);
  if (category === 'Engagement' && !eventTime) throw new DataCloudConfigError(`${where}: an Engagement stream needs an eventTimeField (a date or datetime field).`);
  const table = config?.dloName ?? `${object.name}_${connector}__dll`;
  if (!TABLE_NAME.test(table)) throw new DataCloudConfigError(`${where}: DLO name ${table} must start with a letter and hold only letters, digits, _ and -.`);
  return {
    connector,
    object: object.name,
    table,
    fields: object.fields,
    primaryKey,
    schemaObject: object,
    validate: createRecordValidator(object),
    category,
    ...(eventTime ? { eventTimeField: eventTime.name } : {}),
  };
}

/** The tenant's connectors; registering one creates (or extends) the DLO of each of its objects. */
export function createConnectorRegistry(dlo: DloStore): ConnectorRegistry {
  const connectors = new Map<string, Map<string, Stream>>();
  return {
    register(name, schema, streamConfigs = []) {
      for (const config of streamConfigs) {
        if (!schema.object(config.object)) throw new DataCloudConfigError(`connector ${name}: streams names object ${config.object}, which the schema does not have. Objects: ${schema.objects.map((o) => o.name).join(', ')}.`);
      }
      const streams = schema.objects.map((object) => buildStream(name, object, streamConfigs.find((c) => c.object === object.name)));
      const tables = new Set<string>();
      const others = [...connectors.entries()].filter(([n]) => n !== name).flatMap(([, s]) => [...s.values()]);
      for (const stream of streams) {
        const key = stream.table.toLowerCase();
        if (tables.has(key) || others.some((o) => o.table.toLowerCase() === key)) throw new DataCloudConfigError(`connector ${name}, object ${stream.object}: DLO ${stream.table} is already used by another stream. Give it another dloName.`);
        tables.add(key);
      }
      for (const stream of streams) dlo.ensureTable(stream);
      connectors.set(name, new Map(streams.map((s) => [s.object, s])));
    },
    stream: (connector, object) => connectors.get(connector)?.get(object),
    hasConnector: (connector) => connectors.has(connector),
  };
}
