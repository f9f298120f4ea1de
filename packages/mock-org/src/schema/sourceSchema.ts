import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, type XmlElement } from '@orgkit/checks/xml';
import { findSourceFolders } from '../sourceFolders.js';
import { field, picklist, reference } from './fieldBuilders.js';
import type { FieldDef } from './types.js';

/** An object as the SFDX source describes it: its own definition (custom objects) and its custom fields. */
export interface SourceObject {
  name: string;
  /** Present for objects defined in the project (`Foo__c.object-meta.xml`). */
  definition?: {
    label: string;
    labelPlural: string;
    customSetting: boolean;
    /** The Name field's type: Text or AutoNumber. */
    nameFieldType: string;
    nameFieldLabel: string;
    /** AutoNumber display format, e.g. RUN-{000000}. */
    nameFieldFormat?: string;
  };
  fields: FieldDef[];
  /** Lookups and master-details: the name the parent uses for these children (Items__r). */
  childRelationships: { parentObject: string; relationshipName: string; field: string }[];
}

export class SourceSchemaError extends Error {
  readonly code = 'SOURCE_SCHEMA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SourceSchemaError';
  }
}

/** A source file's root element; a malformed file is a SourceSchemaError naming its path and line. */
export function readSourceXml(path: string): XmlElement {
  const parsed = parseXml(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new SourceSchemaError(`${path}:${parsed.problem.line}: ${parsed.problem.message}`);
  return parsed.root;
}

const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
const text = (el: XmlElement, name: string): string | undefined => child(el, name)?.text.trim();
const bool = (el: XmlElement, name: string): boolean => text(el, name) === 'true';
const num = (el: XmlElement, name: string): number | undefined => {
  const value = text(el, name);
  return value === undefined ? undefined : Number(value);
};

/** Reads all objects and custom fields of an SFDX source folder (e.g. force-app). */
export function loadSourceSchema(sourceDir: string): SourceObject[] {
  if (!statSync(sourceDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SourceSchemaError(`source folder not found: ${sourceDir}`);
  }
  const objects = new Map<string, SourceObject>();
  for (const objectsDir of findSourceFolders(sourceDir, 'objects')) {
    for (const entry of readdirSync(objectsDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const name = entry.name;
      const object: SourceObject = objects.get(name) ?? { name, fields: [], childRelationships: [] };
      objects.set(name, object);
      const objectFile = join(objectsDir, name, `${name}.object-meta.xml`);
      if (statSync(objectFile, { throwIfNoEntry: false })) object.definition = readObjectDefinition(readSourceXml(objectFile), name);
      const fieldsDir = join(objectsDir, name, 'fields');
      if (!statSync(fieldsDir, { throwIfNoEntry: false })) continue;
      for (const file of readdirSync(fieldsDir).sort()) {
        if (!file.endsWith('.field-meta.xml')) continue;
        const root = readSourceXml(join(fieldsDir, file));
        const def = readField(root, file.replace(/\.field-meta\.xml$/, ''));
        if (!def) continue;
        object.fields.push(def);
        if (def.type === 'reference' && def.referenceTo?.[0]) {
          const relationship = text(root, 'relationshipName') ?? def.name.replace(/__c$/, '');
          object.childRelationships.push({ parentObject: def.referenceTo[0], relationshipName: `${relationship}__r`, field: def.name });
        }
      }
    }
  }
  return [...objects.values()];
}

export function readObjectDefinition(root: XmlElement, name: string): NonNullable<SourceObject['definition']> {
  const label = text(root, 'label') ?? name;
  const nameField = child(root, 'nameField');
  return {
    label,
    labelPlural: text(root, 'pluralLabel') ?? label,
    customSetting: child(root, 'customSettingsType') !== undefined,
    nameFieldType: (nameField && text(nameField, 'type')) ?? 'Text',
    nameFieldLabel: (nameField && text(nameField, 'label')) ?? `${label} Name`,
    ...(nameField && text(nameField, 'displayFormat') ? { nameFieldFormat: text(nameField, 'displayFormat') } : {}),
  };
}

/** One CustomField → FieldDef; undefined for types the mock does not model (e.g. Summary). */
export function readField(root: XmlElement, fileName: string): FieldDef | undefined {
  const name = text(root, 'fullName') ?? fileName;
  const label = text(root, 'label') ?? name;
  const type = text(root, 'type') ?? (child(root, 'formula') ? 'Formula' : 'Text');
  const common = {
    label,
    required: bool(root, 'required'),
    unique: bool(root, 'unique'),
    externalId: bool(root, 'externalId'),
    caseSensitive: bool(root, 'caseSensitive'),
  };
  const defaultText = text(root, 'defaultValue');
  if (child(root, 'formula')) return field(name, 'string', { ...common, readOnly: true, calculated: true });
  switch (type) {
    case 'Text':
      return field(name, 'string', { ...common, length: num(root, 'length') ?? 255 });
    case 'TextArea':
      return field(name, 'textarea', { ...common, length: 255 });
    case 'LongTextArea':
    case 'Html':
      return field(name, 'textarea', { ...common, length: num(root, 'length') ?? 32768 });
    case 'Email':
      return field(name, 'email', common);
    case 'Url':
      return field(name, 'url', common);
    case 'Phone':
      return field(name, 'phone', common);
    case 'Checkbox':
      return field(name, 'boolean', { ...common, defaultValue: defaultText === 'true' });
    case 'Number':
    case 'Currency':
    case 'Percent':
      return field(name, type === 'Number' ? 'double' : type === 'Currency' ? 'currency' : 'percent', {
        ...common,
        precision: num(root, 'precision') ?? 18,
        scale: num(root, 'scale') ?? 0,
        ...(defaultText !== undefined && !Number.isNaN(Number(defaultText)) ? { defaultValue: Number(defaultText) } : {}),
      });
    case 'Date':
      return field(name, 'date', common);
    case 'DateTime':
      return field(name, 'datetime', common);
    case 'Picklist':
    case 'MultiselectPicklist': {
      const valueSet = child(root, 'valueSet');
      const definition = valueSet && child(valueSet, 'valueSetDefinition');
      const values = (definition?.children ?? []).filter((c) => c.name === 'value');
      const def = picklist(
        name,
        values.map((v) => text(v, 'fullName') ?? ''),
        { ...common, restrictedPicklist: valueSet ? bool(valueSet, 'restricted') : false },
      );
      def.picklistValues = values.map((v) => ({ value: text(v, 'fullName') ?? '', label: text(v, 'label') ?? text(v, 'fullName') ?? '', default: bool(v, 'default') }));
      if (type === 'MultiselectPicklist') def.type = 'multipicklist';
      return def;
    }
    case 'Lookup':
    case 'MasterDetail':
    case 'Hierarchy':
      return reference(name, [text(root, 'referenceTo') ?? 'User'], name.replace(/__c$/, '__r'), {
        ...common,
        required: type === 'MasterDetail' || common.required,
      });
    case 'AutoNumber':
      return field(name, 'string', { ...common, readOnly: true, length: 30 });
    default:
      return undefined;
  }
}
