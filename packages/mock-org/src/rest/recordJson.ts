import type { ObjectDef } from '../schema/types.js';
import type { StoredRecord } from '../soql/types.js';
import { SfApiError } from '../errors.js';

export const recordUrl = (version: string, objectName: string, id: string): string => `/services/data/v${version}/sobjects/${objectName}/${id}`;

/** A record as GET /sobjects/{obj}/{id} renders it: attributes first, then fields in schema order. */
export function recordJson(def: ObjectDef, record: StoredRecord, version: string, fieldNames?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: def.name, url: recordUrl(version, def.name, record.Id as string) } };
  const fields = fieldNames
    ? fieldNames.map((name) => {
        const field = def.fields.get(name.trim().toLowerCase());
        if (!field) {
          throw new SfApiError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
        }
        return field;
      })
    : [...def.fields.values()];
  for (const field of fields) out[field.name] = record[field.name] ?? null;
  return out;
}
