import type { FieldType, Subquery } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, SchemaView } from '../schema/types.js';
import { malformed, unsupported } from './errors.js';
import { SoqlError } from './types.js';
import type { SelectItem } from './project.js';
import { resolveFieldPath, type FieldPath } from './resolve.js';

/** The dotted name of a plain or relationship field in the select list. */
export function fieldName(item: FieldType): string | undefined {
  if (item.type === 'Field') return item.field;
  if (item.type === 'FieldRelationship') return [...item.relationships, item.field].join('.');
  return undefined;
}

function fieldsFunction(object: ObjectDef, which: string): string[] {
  const all = [...object.fields.values()];
  switch (which.toUpperCase()) {
    case 'ALL':
      return all.map((f) => f.name);
    case 'STANDARD':
      return all.filter((f) => !f.name.endsWith('__c')).map((f) => f.name);
    case 'CUSTOM':
      return all.filter((f) => f.name.endsWith('__c')).map((f) => f.name);
    default:
      throw malformed(`unexpected token: '${which}'`);
  }
}

/** True when the list uses FIELDS(ALL) or FIELDS(CUSTOM), which Salesforce caps at LIMIT 200. */
export function usesUnboundedFields(fields: readonly FieldType[]): boolean {
  return fields.some(
    (f) => f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'FIELDS' && String(f.parameters[0]).toUpperCase() !== 'STANDARD',
  );
}

/**
 * Resolves a non-aggregate select list. `child` renders a child subquery; without it (inside a
 * subquery) a nested subquery is refused.
 */
export function resolveSelectList(
  fields: readonly FieldType[],
  from: ObjectDef,
  schema: SchemaView,
  alias: string | undefined,
  child?: (sub: Subquery) => SelectItem,
): SelectItem[] {
  const items: SelectItem[] = [];
  const seen = new Set<string>();
  // Salesforce refuses a field selected twice, FIELDS() expansions included.
  const add = (path: FieldPath): void => {
    const key = path.canonical.toLowerCase();
    if (seen.has(key)) throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${path.canonical}`);
    seen.add(key);
    items.push({ kind: 'field', path });
  };
  for (const item of fields) {
    const name = fieldName(item);
    if (name !== undefined) {
      add(resolveFieldPath(schema, from, name, alias));
    } else if (item.type === 'FieldSubquery') {
      if (!child) throw unsupported('nested child subqueries');
      items.push(child(item.subquery));
    } else if (item.type === 'FieldFunctionExpression' && item.functionName.toUpperCase() === 'FIELDS') {
      for (const f of fieldsFunction(from, String(item.parameters[0] ?? ''))) {
        add(resolveFieldPath(schema, from, f));
      }
    } else if (item.type === 'FieldTypeof') {
      throw unsupported('TYPEOF');
    } else if (item.type === 'FieldFunctionExpression') {
      throw unsupported(`${item.rawValue ?? item.functionName} in the select list`);
    } else {
      throw unsupported(`${item.type} in the select list`);
    }
  }
  return items;
}
