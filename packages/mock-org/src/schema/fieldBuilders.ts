import type { FieldDef, FieldType } from './types.js';

/** The options a field definition may override; everything else gets Salesforce's usual default. */
export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>;

const TEXT_LENGTH: Partial<Record<FieldType, number>> = { string: 255, textarea: 255, email: 80, url: 255, phone: 40, picklist: 255, multipicklist: 4099, id: 18, reference: 18 };

export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const length = options.length ?? TEXT_LENGTH[type];
  return {
    name,
    label: options.label ?? labelOf(name),
    type,
    ...(length !== undefined ? { length } : {}),
    required: false,
    unique: false,
    externalId: false,
    caseSensitive: false,
    readOnly: false,
    ...options,
  };
}

export function picklist(name: string, values: string[], options: FieldOptions & { defaultValue?: string } = {}): FieldDef {
  return field(name, 'picklist', {
    picklistValues: values.map((value) => ({ value, label: value, default: value === options.defaultValue })),
    restrictedPicklist: false,
    ...options,
  });
}

export function reference(name: string, referenceTo: string[], relationshipName: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'reference', { referenceTo, relationshipName, ...options });
}

/** Id, audit fields and IsDeleted: every object has them and only the platform writes them. */
export function systemFields(options: { owner: boolean; ownerTo?: string[] }): FieldDef[] {
  const fields = [
    field('Id', 'id', { readOnly: true, label: 'Record ID' }),
    field('IsDeleted', 'boolean', { readOnly: true, defaultValue: false }),
    field('CreatedDate', 'datetime', { readOnly: true }),
    reference('CreatedById', ['User'], 'CreatedBy', { readOnly: true }),
    field('LastModifiedDate', 'datetime', { readOnly: true }),
    reference('LastModifiedById', ['User'], 'LastModifiedBy', { readOnly: true }),
    field('SystemModstamp', 'datetime', { readOnly: true }),
  ];
  if (options.owner) fields.push(reference('OwnerId', options.ownerTo ?? ['Group', 'User'], 'Owner'));
  return fields;
}

/** "Billing_City__c" / "BillingCity" → "Billing City". */
export function labelOf(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/ Id$/, ' ID');
}
