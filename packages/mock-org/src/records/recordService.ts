import { SfApiError, notFound } from '../errors.js';
import { to18 } from '../ids.js';
import type { OrgState } from '../org.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import type { StoredRecord } from '../soql/types.js';
import { coerceField } from './coerceField.js';
import { formatDatetime } from './datetime.js';

/** Who writes, and whether platform-owned fields may be set (only the org's own seeding does). */
export interface WriteContext {
  org: OrgState;
  userId: string;
  system?: boolean;
}

const SYSTEM_FIELDS = new Set(['id', 'isdeleted', 'createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp']);
const AUDIT_FIELDS = ['IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];

/** The object named in a URL or body; unknown → INVALID_TYPE as the API words it. */
export function requireObject(org: OrgState, name: string): ObjectDef {
  const def = org.schema.object(name);
  if (!def) throw new SfApiError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
  return def;
}

/** Maps body keys (any casing) to fields, refusing unknown and read-only ones as the API does. */
function mapInput(ctx: WriteContext, def: ObjectDef, input: Record<string, unknown>): Map<FieldDef, unknown> {
  const out = new Map<FieldDef, unknown>();
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const field = def.fields.get(key.toLowerCase());
    if (!field) throw new SfApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
    if (field.name === 'Id' && !ctx.system) continue; // the URL or the collection item names the record
    if ((field.readOnly || field.calculated) && !ctx.system) {
      readOnly.push(field.name);
      continue;
    }
    out.set(field, coerceField(field, raw));
  }
  if (readOnly.length) {
    throw new SfApiError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly);
  }
  return out;
}

function checkReferences(ctx: WriteContext, values: Map<FieldDef, unknown>): void {
  for (const [field, value] of values) {
    if (field.type !== 'reference' || typeof value !== 'string') continue;
    const targetDef = ctx.org.schema.objectForId(value);
    if (!targetDef || !field.referenceTo?.some((t) => t.toLowerCase() === targetDef.name.toLowerCase())) {
      throw new SfApiError(400, 'FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [field.name]);
    }
    const target = ctx.org.store.byId(value);
    if (!target || target.IsDeleted === true) {
      throw new SfApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
    }
  }
}

/** Live records whose indexed field equals value (the store's lookup also returns deleted ones). */
export function liveMatches(ctx: { org: OrgState }, objectName: string, fieldName: string, value: unknown): StoredRecord[] {
  return [...(ctx.org.store.lookup?.(objectName, fieldName, value) ?? [])].filter((r) => r.IsDeleted !== true);
}

function checkRequired(def: ObjectDef, record: Record<string, unknown>): void {
  const missing = [...def.fields.values()].filter((f) => f.required && !f.readOnly && (record[f.name] === null || record[f.name] === undefined)).map((f) => f.name);
  if (missing.length) throw new SfApiError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
}

function checkUnique(ctx: WriteContext, def: ObjectDef, record: Record<string, unknown>): void {
  for (const field of def.fields.values()) {
    if (!field.unique || record[field.name] === null || record[field.name] === undefined) continue;
    const clash = liveMatches(ctx, def.name, field.name, record[field.name]).find((r) => r.Id !== record.Id);
    if (clash) throw new SfApiError(400, 'DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${String(clash.Id)}`, []);
  }
}

/** Values the platform derives: full names and AutoNumbers. */
function derive(ctx: WriteContext, def: ObjectDef, record: Record<string, unknown>, creating: boolean): void {
  if (['contact', 'lead', 'user'].includes(def.name.toLowerCase())) {
    record.Name = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p).join(' ');
  }
  if (!creating) return;
  // The org has a handful of AutoNumber fields: walk them, not every field of every inserted record.
  const prefix = `${def.name.toLowerCase()}.`;
  for (const [fieldKey, format] of ctx.org.autoNumbers) {
    const field = fieldKey.startsWith(prefix) ? def.fields.get(fieldKey.slice(prefix.length)) : undefined;
    if (!field || (record[field.name] !== null && record[field.name] !== undefined)) continue;
    const key = `${def.name}.${field.name}`;
    const next = (ctx.org.autoNumberCounters.get(key) ?? 0) + 1;
    ctx.org.autoNumberCounters.set(key, next);
    record[field.name] = format.replace(/\{(0+)\}/, (_m, zeros: string) => String(next).padStart(zeros.length, '0'));
  }
}

function defaultOf(field: FieldDef): unknown {
  if (field.defaultValue !== undefined) return field.defaultValue;
  const picked = field.picklistValues?.find((p) => p.default);
  if (picked) return picked.value;
  return field.type === 'boolean' ? false : null;
}

/** Inserts one record and returns its 18-char id; throws SfApiError when the API would refuse it. */
export function createRecord(ctx: WriteContext, def: ObjectDef, input: Record<string, unknown>): string {
  const values = mapInput(ctx, def, input);
  const now = formatDatetime(ctx.org.now());
  const record: Record<string, unknown> = {};
  for (const field of def.fields.values()) record[field.name] = defaultOf(field);
  for (const [field, value] of values) record[field.name] = value;
  const id = (typeof record.Id === 'string' && record.Id) || ctx.org.newId(def.keyPrefix);
  Object.assign(record, { Id: id, IsDeleted: false, CreatedDate: now, CreatedById: ctx.userId, LastModifiedDate: now, LastModifiedById: ctx.userId, SystemModstamp: now });
  if (def.fields.has('ownerid') && !record.OwnerId) record.OwnerId = ctx.userId;
  // A hierarchy custom setting record without a location is the org-wide default.
  if (def.customSetting && !record.SetupOwnerId) record.SetupOwnerId = ctx.org.orgId;
  // A custom object's text Name left blank takes the record id, as the platform does.
  if (def.custom && !def.customSetting && (record.Name === null || record.Name === undefined) && def.fields.get('name')?.readOnly === false) record.Name = id;
  // Every other key came from def.fields; only the audit fields above may be missing from the object.
  for (const key of AUDIT_FIELDS) if (!def.fields.has(key.toLowerCase())) delete record[key];
  derive(ctx, def, record, true);
  checkRequired(def, record);
  if (!ctx.system) checkReferences(ctx, values);
  checkUnique(ctx, def, record);
  ctx.org.store.insert(def.name, record);
  return id;
}

/** The live record `id` of object `def`, or NOT_FOUND (deleted records included: ENTITY_IS_DELETED). */
export function requireRecord(ctx: { org: OrgState }, def: ObjectDef, id: string): StoredRecord {
  const id18 = to18(id);
  const record = id18 ? ctx.org.store.byId(id18) : undefined;
  if (!record || ctx.org.schema.objectForId(record.Id as string)?.name !== def.name) throw notFound();
  if (record.IsDeleted === true) throw new SfApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}

export function updateRecord(ctx: WriteContext, def: ObjectDef, id: string, input: Record<string, unknown>): void {
  const current = requireRecord(ctx, def, id);
  const values = mapInput(ctx, def, input);
  const record: Record<string, unknown> = { ...current };
  for (const [field, value] of values) if (!SYSTEM_FIELDS.has(field.name.toLowerCase()) || ctx.system) record[field.name] = value;
  const now = formatDatetime(ctx.org.now());
  Object.assign(record, { LastModifiedDate: now, LastModifiedById: ctx.userId, SystemModstamp: now });
  derive(ctx, def, record, false);
  checkRequired(def, record);
  checkReferences(ctx, values);
  checkUnique(ctx, def, record);
  ctx.org.store.replace(def.name, record);
}

export function deleteRecord(ctx: WriteContext, def: ObjectDef, id: string): void {
  const record = requireRecord(ctx, def, id);
  ctx.org.store.softDelete(def.name, record.Id as string);
}

/** Upsert by external id: 0 matches create, 1 updates, more → 300 MULTIPLE_CHOICES as the API does. */
export function upsertRecord(ctx: WriteContext, def: ObjectDef, fieldName: string, value: string, input: Record<string, unknown>): { id: string; created: boolean } {
  const field = def.fields.get(fieldName.toLowerCase());
  if (!field || !(field.externalId || field.name === 'Id')) {
    throw notFound();
  }
  const matches = liveMatches(ctx, def.name, field.name, field.name === 'Id' ? value : coerceField(field, value));
  if (matches.length > 1) {
    throw new SfApiError(300, 'MULTIPLE_CHOICES', `Multiple records found for ${field.name} = ${value}`);
  }
  const inputValue = Object.entries(input).find(([k]) => k.toLowerCase() === field.name.toLowerCase())?.[1];
  if (inputValue !== undefined && field.name !== 'Id' && String(inputValue).toLowerCase() !== value.toLowerCase()) {
    throw new SfApiError(400, 'INVALID_FIELD', `Field ${field.name} in the request body must match the value in the URL`);
  }
  const match = matches[0];
  if (match) {
    updateRecord(ctx, def, match.Id as string, input);
    return { id: match.Id as string, created: false };
  }
  const id = createRecord(ctx, def, field.name === 'Id' ? input : { ...input, [field.name]: value });
  return { id, created: true };
}
