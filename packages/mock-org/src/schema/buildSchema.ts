import { createHash } from 'node:crypto';
import { toBase62 } from '../ids.js';
import { field, reference, systemFields } from './fieldBuilders.js';
import type { SourceObject } from './sourceSchema.js';
import { STANDARD_OBJECTS } from './standardObjects.js';
import type { ChildRelationshipDef, FieldDef, ObjectDef, SchemaView } from './types.js';

/**
 * A custom object's key prefix: "a" + two base-62 digits picked from a hash of the name, moved
 * on while taken, so the same project always gets the same prefixes (ids in fixtures stay valid).
 */
export function customKeyPrefix(name: string, taken: Set<string>): string {
  const hash = createHash('sha256').update(name.toLowerCase()).digest().readUInt32BE(0);
  // a00..a0z first, as the issue and real orgs do; a1.. etc. only when 62 are not enough.
  for (let i = 0; i < 62 * 62; i++) {
    const prefix = `a${toBase62((hash + i) % 62 + Math.floor(i / 62) * 62, 2)}`;
    if (!taken.has(prefix)) {
      taken.add(prefix);
      return prefix;
    }
  }
  throw new Error('no custom key prefix left');
}

export function customObjectFields(source: SourceObject, definition: NonNullable<SourceObject['definition']>): FieldDef[] {
  const masterDetailChild = source.fields.some((f) => f.type === 'reference' && f.required && f.name.endsWith('__c'));
  const fields = systemFields({ owner: !masterDetailChild && !definition.customSetting });
  const autoNumber = definition.nameFieldType === 'AutoNumber';
  fields.push(field('Name', 'string', { length: 80, label: definition.nameFieldLabel, readOnly: autoNumber }));
  if (definition.customSetting) fields.push(reference('SetupOwnerId', ['Organization', 'Profile', 'User'], 'SetupOwner', { label: 'Location' }));
  return fields;
}

export interface BuiltSchema {
  schema: SchemaView;
  /** "object.field" (lower case) → AutoNumber display format such as RUN-{000000}. */
  autoNumbers: Map<string, string>;
}

/** Standard objects + the project's custom objects and fields, as one case-insensitive schema. */
export function buildSchema(sourceObjects: SourceObject[]): BuiltSchema {
  const autoNumbers = new Map<string, string>([['case.casenumber', '{00000000}']]);
  const byName = new Map<string, { def: ObjectDef; fields: Map<string, FieldDef>; children: ChildRelationshipDef[] }>();
  const add = (def: Omit<ObjectDef, 'fields' | 'childRelationships'>, fields: FieldDef[], children: ChildRelationshipDef[]): void => {
    const fieldMap = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const entry = { def: { ...def, fields: fieldMap, childRelationships: children }, fields: fieldMap, children };
    byName.set(def.name.toLowerCase(), entry);
  };
  for (const spec of STANDARD_OBJECTS) {
    add({ name: spec.name, label: spec.label, labelPlural: spec.labelPlural, keyPrefix: spec.keyPrefix, custom: false }, spec.fields, [...spec.childRelationships]);
  }
  const taken = new Set(STANDARD_OBJECTS.map((o) => o.keyPrefix));
  const sorted = [...sourceObjects].sort((a, b) => a.name.localeCompare(b.name));
  for (const source of sorted) {
    if (byName.has(source.name.toLowerCase()) || !source.definition) continue;
    const d = source.definition;
    add(
      { name: source.name, label: d.label, labelPlural: d.labelPlural, keyPrefix: customKeyPrefix(source.name, taken), custom: true, customSetting: d.customSetting },
      customObjectFields(source, d),
      [],
    );
    if (d.nameFieldFormat) autoNumbers.set(`${source.name.toLowerCase()}.name`, d.nameFieldFormat);
  }
  for (const source of sorted) {
    const entry = byName.get(source.name.toLowerCase());
    if (!entry) continue; // custom fields on a standard object the mock does not model
    for (const f of source.fields) entry.fields.set(f.name.toLowerCase(), f);
    for (const rel of source.childRelationships) {
      byName.get(rel.parentObject.toLowerCase())?.children.push({ relationshipName: rel.relationshipName, childSObject: source.name, field: rel.field });
    }
  }
  const objects = [...byName.values()].map((e) => e.def);
  const byPrefix = new Map(objects.map((o) => [o.keyPrefix, o]));
  const schema: SchemaView = {
    object: (name) => byName.get(name.toLowerCase())?.def,
    objectForId: (id) => byPrefix.get(id.slice(0, 3)),
    objects: () => objects,
  };
  return { schema, autoNumbers };
}
