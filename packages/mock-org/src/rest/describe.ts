import type { FieldDef, ObjectDef, SchemaView } from '../schema/types.js';

const SOAP_TYPE: Record<FieldDef['type'], string> = {
  id: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string', boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double', date: 'xsd:date', datetime: 'xsd:dateTime', reference: 'tns:ID', email: 'xsd:string', url: 'xsd:string', phone: 'xsd:string',
};

function objectUrls(def: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

const isTextual = (f: FieldDef): boolean => ['string', 'textarea', 'picklist', 'multipicklist', 'email', 'url', 'phone', 'id', 'reference'].includes(f.type);

/** One field as describe renders it: the properties jsforce, SDR and UI code read. */
export function describeField(def: ObjectDef, f: FieldDef): Record<string, unknown> {
  const systemManaged = f.readOnly || f.calculated === true;
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: SOAP_TYPE[f.type],
    length: isTextual(f) ? (f.length ?? 0) : 0,
    byteLength: isTextual(f) ? (f.length ?? 0) * 3 : 0,
    precision: f.precision ?? 0,
    scale: f.scale ?? 0,
    digits: f.type === 'int' ? (f.precision ?? 9) : 0,
    nillable: !f.required && f.type !== 'boolean' && f.type !== 'id',
    createable: !systemManaged,
    updateable: !systemManaged,
    defaultedOnCreate: f.defaultValue !== undefined || f.name === 'OwnerId' || systemManaged,
    defaultValue: f.defaultValue ?? null,
    unique: f.unique,
    externalId: f.externalId,
    idLookup: f.type === 'id' || f.externalId || f.unique,
    caseSensitive: f.caseSensitive,
    calculated: f.calculated === true,
    custom: f.name.endsWith('__c'),
    filterable: true,
    sortable: f.type !== 'textarea' || (f.length ?? 0) <= 255,
    groupable: f.type !== 'double' && f.type !== 'currency' && f.type !== 'percent' && f.type !== 'textarea',
    nameField: f.name === 'Name',
    autoNumber: false,
    htmlFormatted: false,
    restrictedPicklist: f.restrictedPicklist === true,
    dependentPicklist: false,
    picklistValues: (f.picklistValues ?? []).map((p) => ({ active: true, defaultValue: p.default, label: p.label, validFor: null, value: p.value })),
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.relationshipName ?? null,
    relationshipOrder: null,
    cascadeDelete: f.type === 'reference' && f.required && f.name.endsWith('__c'),
    polymorphicForeignKey: (f.referenceTo?.length ?? 0) > 1,
    inlineHelpText: null,
    aggregatable: true,
    permissionable: !f.required && !systemManaged,
  };
}

function objectFlags(def: ObjectDef): Record<string, unknown> {
  const writable = def.name !== 'LoginHistory' && def.name !== 'Organization';
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: def.custom,
    customSetting: def.customSetting === true,
    createable: writable,
    updateable: writable || def.name === 'Organization',
    deletable: writable && def.name !== 'User',
    queryable: true,
    retrieveable: true,
    searchable: !def.customSetting,
    undeletable: writable,
    mergeable: ['Account', 'Contact', 'Lead'].includes(def.name),
    triggerable: writable,
    layoutable: !def.customSetting,
    activateable: false,
    feedEnabled: false,
    deprecatedAndHidden: false,
    isSubtype: false,
    isInterface: false,
    hasSubtypes: false,
    replicateable: true,
    mruEnabled: !def.customSetting,
    createableIfTriggerable: false,
  };
}

/** GET /sobjects/{obj}/describe */
export function describeObject(def: ObjectDef, version: string): Record<string, unknown> {
  return {
    ...objectFlags(def),
    fields: [...def.fields.values()].map((f) => describeField(def, f)),
    childRelationships: def.childRelationships.map((c) => ({
      cascadeDelete: false,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName,
      restrictedDelete: false,
    })),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
    urls: objectUrls(def, version),
  };
}

/** GET /sobjects/{obj}: the object's basic info and its recently viewed records. */
export function objectInfo(def: ObjectDef, version: string): Record<string, unknown> {
  return { objectDescribe: { ...objectFlags(def), urls: objectUrls(def, version) }, recentItems: [] };
}

/** GET /sobjects */
export function globalDescribe(schema: SchemaView, version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...schema.objects()].sort((a, b) => a.name.localeCompare(b.name)).map((def) => ({ ...objectFlags(def), urls: objectUrls(def, version) })),
  };
}
