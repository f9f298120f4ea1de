import type { ChildRelationshipDef, FieldDef, FieldType, ObjectDef, SchemaView } from '../../src/schema/types.js';
import type { RecordSource, SoqlContext, StoredRecord } from '../../src/soql/types.js';

/** A small org for SOQL tests: User, Account, Contact and Widget__c (lookup Parent__c → Account). */

type FieldSpec = [name: string, type: FieldType, extra?: Partial<FieldDef>];

function field([name, type, extra]: FieldSpec): FieldDef {
  return { name, label: name, type, required: false, unique: false, externalId: false, caseSensitive: false, readOnly: false, ...extra };
}

function object(name: string, keyPrefix: string, specs: FieldSpec[], childRelationships: ChildRelationshipDef[] = []): ObjectDef {
  const fields = new Map<string, FieldDef>();
  for (const spec of [['Id', 'id'] as FieldSpec, ['IsDeleted', 'boolean'] as FieldSpec, ...specs]) fields.set(spec[0].toLowerCase(), field(spec));
  return { name, label: name, labelPlural: `${name}s`, keyPrefix, custom: name.endsWith('__c'), fields, childRelationships };
}

const owner: FieldSpec = ['OwnerId', 'reference', { referenceTo: ['Group', 'User'], relationshipName: 'Owner' }];

export const OBJECTS: ObjectDef[] = [
  object('User', '005', [
    ['Name', 'string'],
    ['Username', 'string', { unique: true }],
    ['IsActive', 'boolean'],
  ]),
  object(
    'Account',
    '001',
    [
      ['Name', 'string'],
      [
        'Industry',
        'picklist',
        {
          picklistValues: ['Technology', 'Banking', 'Agriculture'].map((value) => ({ value, label: value, default: false })),
        },
      ],
      ['NumberOfEmployees', 'int'],
      ['AnnualRevenue', 'currency'],
      ['CreatedDate', 'datetime'],
      ['Active__c', 'boolean'],
      ['SLAExpirationDate__c', 'date'],
      ['External_Key__c', 'string', { externalId: true, unique: true }],
      owner,
    ],
    [
      { relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' },
      { relationshipName: 'Widgets__r', childSObject: 'Widget__c', field: 'Parent__c' },
    ],
  ),
  object('Contact', '003', [
    ['FirstName', 'string'],
    ['LastName', 'string'],
    ['Email', 'email'],
    ['Birthdate', 'date'],
    ['AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }],
    owner,
  ]),
  object('Widget__c', 'a0X', [
    ['Name', 'string'],
    ['Amount__c', 'double'],
    ['Tags__c', 'multipicklist'],
    ['Parent__c', 'reference', { referenceTo: ['Account'], relationshipName: 'Parent__r' }],
  ]),
];

export function makeSchema(objects: readonly ObjectDef[] = OBJECTS): SchemaView {
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  return {
    object: (name) => byName.get(name.toLowerCase()),
    objectForId: (id) => objects.find((o) => id.startsWith(o.keyPrefix)),
    objects: () => objects,
  };
}

/** An 18-char id: key prefix, zero-padded number, a fixed suffix. */
export function fakeId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

export interface FixtureSource extends RecordSource {
  /** How often scan() ran, per object. */
  scans: Map<string, number>;
}

export interface SourceOptions {
  /** Make scan() throw: proves a query was answered through lookup(). */
  scanThrows?: boolean;
  /** Drop lookup() entirely (a store without indexes). */
  noLookup?: boolean;
}

/** An in-memory RecordSource indexing Id and unique/external-id fields, like the real store. */
export function makeSource(schema: SchemaView, records: readonly StoredRecord[], options: SourceOptions = {}): FixtureSource {
  const byObject = new Map<string, StoredRecord[]>();
  const byId15 = new Map<string, StoredRecord>();
  const indexes = new Map<string, Map<unknown, StoredRecord[]>>();
  for (const r of records) {
    const id = String(r.Id);
    const def = schema.objectForId(id);
    if (!def) throw new Error(`no object for ${id}`);
    const list = byObject.get(def.name) ?? [];
    list.push(r);
    byObject.set(def.name, list);
    byId15.set(id.slice(0, 15), r);
    for (const f of def.fields.values()) {
      if (!(f.unique || f.externalId) || r[f.name] == null) continue;
      const key = `${def.name}.${f.name}`;
      const index = indexes.get(key) ?? new Map<unknown, StoredRecord[]>();
      const value = typeof r[f.name] === 'string' ? (r[f.name] as string).toLowerCase() : r[f.name];
      index.set(value, [...(index.get(value) ?? []), r]);
      indexes.set(key, index);
    }
  }
  const scans = new Map<string, number>();
  const source: FixtureSource = {
    scans,
    scan(objectName, { includeDeleted }) {
      if (options.scanThrows) throw new Error(`scan(${objectName}) called where a lookup would do`);
      scans.set(objectName, (scans.get(objectName) ?? 0) + 1);
      const list = byObject.get(schema.object(objectName)?.name ?? objectName) ?? [];
      return includeDeleted ? list : list.filter((r) => r.IsDeleted !== true);
    },
    byId: (id) => byId15.get(id.slice(0, 15)),
  };
  if (!options.noLookup) {
    source.lookup = (objectName, fieldName, value) => {
      const def = schema.object(objectName);
      if (!def) return undefined;
      if (fieldName.toLowerCase() === 'id') {
        const r = typeof value === 'string' ? byId15.get(value.slice(0, 15)) : undefined;
        return r && schema.objectForId(String(r.Id))?.name === def.name ? [r] : [];
      }
      const index = indexes.get(`${def.name}.${def.fields.get(fieldName.toLowerCase())?.name}`);
      const f = def.fields.get(fieldName.toLowerCase());
      if (!f || !(f.unique || f.externalId)) return undefined;
      return index?.get(typeof value === 'string' ? value.toLowerCase() : value) ?? [];
    };
  }
  return source;
}

/** Thursday 26 November 2026, 15:00 UTC: every date literal test is relative to it. */
export const NOW = new Date('2026-11-26T15:00:00.000Z');

export const USERS = {
  ada: fakeId('005', 1),
  bob: fakeId('005', 2),
};

export const ACCOUNTS = {
  acme: fakeId('001', 1),
  globex: fakeId('001', 2),
  initech: fakeId('001', 3),
  umbrella: fakeId('001', 4),
  blank: fakeId('001', 5),
};

export const CONTACTS = {
  wile: fakeId('003', 1),
  road: fakeId('003', 2),
  hank: fakeId('003', 3),
  orphan: fakeId('003', 4),
};

/** The shared data set; tests read it to know what to expect. */
export const RECORDS: StoredRecord[] = [
  { Id: USERS.ada, Name: 'Ada Admin', Username: 'ada@example.com', IsActive: true },
  { Id: USERS.bob, Name: 'Bob Builder', Username: 'bob@example.com', IsActive: false },
  {
    Id: ACCOUNTS.acme,
    Name: 'Acme',
    Industry: 'Technology',
    NumberOfEmployees: 100,
    AnnualRevenue: 1_000_000.5,
    CreatedDate: '2026-11-26T09:30:00.000+0000',
    Active__c: true,
    SLAExpirationDate__c: '2026-11-26',
    External_Key__c: 'ACME-1',
    OwnerId: USERS.ada,
  },
  {
    Id: ACCOUNTS.globex,
    Name: 'Globex 100%_sure',
    Industry: 'Banking',
    NumberOfEmployees: 5000,
    AnnualRevenue: 250_000,
    CreatedDate: '2026-11-25T23:59:59.000+0000',
    Active__c: false,
    SLAExpirationDate__c: '2026-11-20',
    External_Key__c: 'GLOBEX-2',
    OwnerId: USERS.bob,
  },
  {
    Id: ACCOUNTS.initech,
    Name: 'a.*b Initech',
    Industry: 'Technology',
    NumberOfEmployees: 20,
    AnnualRevenue: null,
    CreatedDate: '2026-10-15T12:00:00.000+0000',
    Active__c: true,
    SLAExpirationDate__c: '2026-12-01',
    External_Key__c: 'INITECH-3',
    OwnerId: USERS.ada,
  },
  {
    Id: ACCOUNTS.umbrella,
    Name: "O'Brien Umbrella",
    Industry: 'Agriculture',
    NumberOfEmployees: null,
    AnnualRevenue: 10,
    CreatedDate: '2025-12-31T23:00:00.000+0000',
    Active__c: false,
    SLAExpirationDate__c: null,
    External_Key__c: null,
    OwnerId: USERS.bob,
  },
  {
    Id: ACCOUNTS.blank,
    Name: 'Zed',
    Industry: null,
    NumberOfEmployees: 7,
    AnnualRevenue: null,
    CreatedDate: '2026-11-27T01:00:00.000+0000',
    Active__c: false,
    SLAExpirationDate__c: '2026-11-27',
    External_Key__c: null,
    OwnerId: null,
  },
  {
    Id: CONTACTS.wile,
    FirstName: 'Wile',
    LastName: 'Coyote',
    Email: 'wile@acme.test',
    Birthdate: '1990-01-15',
    AccountId: ACCOUNTS.acme,
    OwnerId: USERS.ada,
  },
  {
    Id: CONTACTS.road,
    FirstName: 'Road',
    LastName: 'Runner',
    Email: null,
    Birthdate: null,
    AccountId: ACCOUNTS.acme,
    OwnerId: USERS.bob,
  },
  {
    Id: CONTACTS.hank,
    FirstName: 'Hank',
    LastName: 'Scorpio',
    Email: 'hank@globex.test',
    Birthdate: '1970-06-01',
    AccountId: ACCOUNTS.globex,
    OwnerId: USERS.bob,
  },
  {
    Id: CONTACTS.orphan,
    FirstName: null,
    LastName: 'Orphan',
    Email: null,
    Birthdate: null,
    AccountId: null,
    OwnerId: USERS.ada,
  },
  { Id: fakeId('003', 5), FirstName: 'Gone', LastName: 'Deleted', AccountId: ACCOUNTS.acme, OwnerId: USERS.ada, IsDeleted: true },
  { Id: fakeId('a0X', 1), Name: 'W-1', Amount__c: 1.5, Tags__c: 'red;blue', Parent__c: ACCOUNTS.acme },
  { Id: fakeId('a0X', 2), Name: 'W-2', Amount__c: 2.5, Tags__c: 'blue', Parent__c: ACCOUNTS.globex },
  { Id: fakeId('a0X', 3), Name: 'W-3', Amount__c: null, Tags__c: null, Parent__c: null },
];

export function makeContext(options: SourceOptions & { records?: readonly StoredRecord[]; includeDeleted?: boolean } = {}): SoqlContext & {
  records: FixtureSource;
} {
  const schema = makeSchema();
  return { schema, records: makeSource(schema, options.records ?? RECORDS, options), now: NOW, includeDeleted: options.includeDeleted ?? false };
}
