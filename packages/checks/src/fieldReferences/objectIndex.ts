import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseXml } from '../xml/parseXml.js';

export interface FieldInfo {
  /** The API name as the file names it (e.g. Foo__c). */
  name: string;
  /** The parent object of a lookup or master-detail field. */
  referenceTo?: string;
  /** The child relationship name (`<relationshipName>Favorites</relationshipName>` → subqueries `FROM Favorites__r`). */
  relationshipName?: string;
}

export interface ObjectInfo {
  /** The API name as the folder names it. */
  name: string;
  /** Has objects/<Name>/<Name>.object-meta.xml (a folder with only fields extends an existing object). */
  defined: boolean;
  /** By lower-cased API name: Apex and SOQL names are case-insensitive. */
  fields: Map<string, FieldInfo>;
}

/** The objects and fields a package directory defines, by lower-cased API name. */
export type ObjectIndex = ReadonlyMap<string, ObjectInfo>;

/** `…/objects/<Object>/<rest>` → [Object, rest…]; undefined for files outside an objects folder. */
function objectPath(file: string): string[] | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('objects');
  return at >= 0 && parts.length > at + 2 ? parts.slice(at + 1) : undefined;
}

async function readField(file: string, name: string): Promise<FieldInfo> {
  const parsed = parseXml(await readFile(file, 'utf8'));
  // A field file that does not parse still defines the field; metadata-schema reports the XML.
  if (!parsed.ok) return { name };
  const text = (element: string): string | undefined => parsed.root.children.find((c) => c.name === element)?.text.trim() || undefined;
  const referenceTo = text('referenceTo');
  const relationshipName = text('relationshipName');
  return { name, ...(referenceTo ? { referenceTo } : {}), ...(relationshipName ? { relationshipName } : {}) };
}

/** Indexes `objects/<Object>/…` among `files` (absolute paths, as listSourceFiles returns them). */
export async function indexObjects(files: readonly string[]): Promise<ObjectIndex> {
  const objects = new Map<string, ObjectInfo>();
  const fieldReads: Promise<void>[] = [];
  for (const file of files) {
    const parts = objectPath(file);
    if (!parts) continue;
    const name = parts[0]!;
    const object = objects.get(name.toLowerCase()) ?? { name, defined: false, fields: new Map() };
    objects.set(name.toLowerCase(), object);
    const rest = parts.slice(1).join('/');
    if (rest === `${name}.object-meta.xml`) object.defined = true;
    const field = /^fields\/(.+)\.field-meta\.xml$/.exec(rest)?.[1];
    if (field) {
      fieldReads.push(readField(file, field).then((info) => void object.fields.set(field.toLowerCase(), info)));
    }
  }
  await Promise.all(fieldReads);
  return objects;
}
