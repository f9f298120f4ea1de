import type { SchemaObject } from '@orgkit/datacloud-schema';
import { DataCloudError } from './errors.js';

/**
 * The primary key field: the one given, else the first field named `id` or ending in `Id`/`_id`
 * (the convention Data Cloud suggests when a data stream is created; the real key is chosen there).
 */
export function primaryKeyField(object: SchemaObject, given?: string): string {
  if (given !== undefined) {
    if (!object.field(given)) throw new DataCloudError('INVALID_OPTIONS', `The primary key "${given}" is not a field of ${object.name}: pass the field the data stream uses as its primary key.`);
    return given;
  }
  const found = object.fields.find((f) => /id$/i.test(f.name));
  if (!found) throw new DataCloudError('INVALID_OPTIONS', `${object.name} has no field named id or ending in Id/_id: pass primaryKey, the field the data stream uses as its primary key.`);
  return found.name;
}
