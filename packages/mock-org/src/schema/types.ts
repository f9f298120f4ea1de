/**
 * The shape of an org's schema as every part of the mock org sees it: the REST layer validates
 * writes with it, describe renders it, the SOQL engine resolves names through it.
 * Names are looked up case-insensitively (Salesforce's rule); `name` keeps the canonical spelling.
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'email'
  | 'url'
  | 'phone';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Text length (string, textarea, email, url, phone). */
  length?: number;
  /** Digits in all and after the point (int, double, currency, percent). */
  precision?: number;
  scale?: number;
  /** Must have a value on create (REQUIRED_FIELD_MISSING). */
  required: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  /** Set by the platform; writes are refused (INVALID_FIELD_FOR_INSERT_UPDATE). */
  readOnly: boolean;
  /** Picklist values; `restricted` makes others INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST. */
  picklistValues?: { value: string; label: string; default: boolean }[];
  restrictedPicklist?: boolean;
  defaultValue?: string | number | boolean | null;
  /** reference fields: the objects it may point to, and the relationship name (Owner, Account, Foo__r). */
  referenceTo?: string[];
  relationshipName?: string;
  /** Formula fields are computed, never stored (not evaluated by the mock: always null). */
  calculated?: boolean;
}

export interface ChildRelationshipDef {
  /** e.g. Contacts, Enrichment_Run_Items__r */
  relationshipName: string;
  childSObject: string;
  field: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  /** The 3-character id prefix (001 Account, a0X… for custom objects). */
  keyPrefix: string;
  custom: boolean;
  /** Hierarchy/list custom settings are objects too. */
  customSetting?: boolean;
  /** By lower-cased field name. */
  fields: ReadonlyMap<string, FieldDef>;
  childRelationships: readonly ChildRelationshipDef[];
}

export interface SchemaView {
  /** The object by any casing of its name, or undefined. */
  object(name: string): ObjectDef | undefined;
  /** The object whose key prefix starts `id`, or undefined. */
  objectForId(id: string): ObjectDef | undefined;
  objects(): Iterable<ObjectDef>;
}
