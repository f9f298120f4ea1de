import { field, systemFields } from '../schema/fieldBuilders.js';
import type { ObjectDef } from '../schema/types.js';

const apexObject = (name: string, label: string, labelPlural: string, keyPrefix: string, extra: ReturnType<typeof field>[]): ObjectDef => {
  const fields = [
    ...systemFields({ owner: false }),
    // Unique, so the store indexes it: a redeploy finds and updates the class by name.
    field('Name', 'string', { length: 255, unique: true }),
    field('NamespacePrefix', 'string', { length: 15 }),
    field('ApiVersion', 'double', { precision: 18, scale: 1 }),
    field('Status', 'picklist', { picklistValues: ['Inactive', 'Active', 'Deleted'].map((v) => ({ value: v, label: v, default: false })) }),
    field('Body', 'textarea', { length: 1_000_000 }),
    field('LengthWithoutComments', 'int', { precision: 9, scale: 0 }),
    ...extra,
  ];
  return { name, label, labelPlural, keyPrefix, custom: false, fields: new Map(fields.map((f) => [f.name.toLowerCase(), f])), childRelationships: [] };
};

/**
 * ApexClass (01p) and ApexTrigger (01q) as the data API shows them, so deployed Apex can be
 * queried (`SELECT Name, Status, ApiVersion FROM ApexClass`). The mock stores Apex; it never runs it.
 */
export const APEX_OBJECTS: readonly ObjectDef[] = [
  apexObject('ApexClass', 'Apex Class', 'Apex Classes', '01p', [field('IsValid', 'boolean', { defaultValue: true })]),
  apexObject('ApexTrigger', 'Apex Trigger', 'Apex Triggers', '01q', [field('TableEnumOrId', 'string', { length: 40 }), field('UsageBeforeInsert', 'boolean'), field('UsageAfterInsert', 'boolean')]),
];
