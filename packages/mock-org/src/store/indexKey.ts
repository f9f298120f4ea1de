import type { FieldDef, SchemaView } from '../schema/types.js';

/** The key an indexed value is filed under: text compares case-insensitively unless the field says otherwise. */
export function indexKey(field: FieldDef, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') return field.caseSensitive ? value : value.toLowerCase();
  return String(value);
}

/** The fields a store indexes for lookup: unique and external-id fields. */
export function indexedFields(schema: SchemaView, objectName: string): FieldDef[] {
  return [...(schema.object(objectName)?.fields.values() ?? [])].filter((f) => (f.unique || f.externalId) && f.type !== 'id');
}
