/** The field types Data Cloud's Ingestion API accepts in a connector schema. */
export type FieldType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'email' | 'phone' | 'percent' | 'url';

export interface SchemaField {
  name: string;
  type: FieldType;
}

/** One object of a connector (an entry of `components.schemas`): what one data stream receives. */
export interface SchemaObject {
  name: string;
  /** In the order the YAML lists them. */
  fields: readonly SchemaField[];
  /** The field by its exact name (payloads use the schema's names, case-sensitively). */
  field(name: string): SchemaField | undefined;
}

/** An Ingestion API connector's schema: the objects its YAML defines. */
export interface ConnectorSchema {
  objects: readonly SchemaObject[];
  /** The object by its exact name, as it appears in the ingestion URL. */
  object(name: string): SchemaObject | undefined;
}

/** One rule the YAML breaks, located so the user can fix it. */
export interface SchemaProblem {
  /** Dotted path in the document, e.g. components.schemas.BatteryStatus.properties.voltage */
  path: string;
  /** 1-based line in the YAML, when known. */
  line?: number;
  message: string;
}
