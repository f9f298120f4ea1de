import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { executeSoql } from '../src/soql/executeSoql.js';
import type { StoredRecord } from '../src/soql/types.js';
import { createOrgSchema } from '../src/metadata/orgSchema.js';
import { field } from '../src/schema/fieldBuilders.js';
import { createMemoryStore } from '../src/store/memoryStore.js';
import { createSqliteStore } from '../src/store/sqliteStore.js';
import type { SchemaView } from '../src/schema/types.js';
import type { RecordStore } from '../src/store/types.js';
import { fakeId, makeSchema, NOW, USERS } from './helpers/soqlFixture.js';

const schema = makeSchema();
const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const stores: [string, (over?: SchemaView) => RecordStore][] = [
  ['memory store', (over = schema) => createMemoryStore(over)],
  ['SQLite store', (over = schema) => createSqliteStore(new Database(join(dir, `store-${files++}.sqlite`)), over)],
];

const account = (n: number, extra: Record<string, unknown> = {}): StoredRecord => ({ Id: fakeId('001', n), Name: `Account ${n}`, External_Key__c: `KEY-${n}`, IsDeleted: false, ...extra });
const names = (records: Iterable<StoredRecord> | undefined): unknown[] => [...(records ?? [])].map((r) => r.Name);

describe.each(stores)('%s', (_label, makeStore) => {
  const filled = (): RecordStore => {
    const store = makeStore();
    store.transaction(() => {
      for (const n of [1, 2, 3]) store.insert('Account', account(n));
      store.insert('User', { Id: USERS.ada, Name: 'Ada', Username: 'Ada@Example.com', IsDeleted: false });
    });
    return store;
  };

  it('finds a record by 15-char, 18-char and wrong-case 18-char id, in any object', () => {
    const store = filled();
    const id = fakeId('001', 2);
    expect(store.byId(id)).toEqual(account(2));
    expect(store.byId(id.slice(0, 15))?.Name).toBe('Account 2');
    expect(store.byId(id.slice(0, 15) + 'aaa')?.Name).toBe('Account 2');
    expect(store.byId(fakeId('001', 99))).toBeUndefined();
    expect(store.byId('not an id')).toBeUndefined();
  });

  it('scans in insertion order; a replaced record keeps its place; deleted ones only with includeDeleted', () => {
    const store = filled();
    store.replace('Account', account(1, { Name: 'Renamed' }));
    store.softDelete('Account', fakeId('001', 2));
    expect(names(store.scan('Account', { includeDeleted: false }))).toEqual(['Renamed', 'Account 3']);
    expect(names(store.scan('account', { includeDeleted: true }))).toEqual(['Renamed', 'Account 2', 'Account 3']);
    expect([...store.scan('Account', { includeDeleted: true })][1]?.IsDeleted).toBe(true);
    expect(names(store.scan('Contact', { includeDeleted: true }))).toEqual([]);
  });

  it('looks up unique and external-id fields case-insensitively and follows replaced values', () => {
    const store = filled();
    expect(names(store.lookup!('Account', 'external_key__c', 'key-2'))).toEqual(['Account 2']);
    expect(names(store.lookup!('User', 'Username', 'ADA@example.COM'))).toEqual(['Ada']);
    store.replace('Account', account(2, { External_Key__c: 'NEW-2' }));
    expect(names(store.lookup!('Account', 'External_Key__c', 'KEY-2'))).toEqual([]);
    expect(names(store.lookup!('Account', 'External_Key__c', 'new-2'))).toEqual(['Account 2']);
    store.replace('Account', account(2, { External_Key__c: null }));
    expect(names(store.lookup!('Account', 'External_Key__c', 'new-2'))).toEqual([]);
    expect(names(store.lookup!('Account', 'External_Key__c', ''))).toEqual([]);
  });

  it('indexes an external-id field the schema gains after the store opened (a deploy adds one)', () => {
    const org = createOrgSchema(schema);
    const store = makeStore(org.view);
    store.insert('Account', account(1));
    expect(store.lookup?.('Account', 'Deployed_Key__c', 'D-2')).toBeUndefined();
    org.putField('Account', field('Deployed_Key__c', 'string', { length: 20, externalId: true }));
    store.insert('Account', account(2, { Deployed_Key__c: 'D-2' }));
    expect(names(store.lookup?.('Account', 'Deployed_Key__c', 'd-2'))).toEqual(['Account 2']);
  });

  it('answers Id lookups only within the object, has no index for other fields, and returns deleted records', () => {
    const store = filled();
    expect(names(store.lookup!('Account', 'Id', fakeId('001', 3).slice(0, 15)))).toEqual(['Account 3']);
    expect(names(store.lookup!('Contact', 'Id', fakeId('001', 3)))).toEqual([]);
    expect(store.lookup!('Account', 'Name', 'Account 1')).toBeUndefined();
    store.softDelete('Account', fakeId('001', 1));
    expect([...store.lookup!('Account', 'External_Key__c', 'KEY-1')!].map((r) => r.IsDeleted)).toEqual([true]);
    expect(store.lookup!('Account', 'Id', fakeId('001', 1))).toHaveLength(1);
  });

  it('undoes every insert, replace and delete of a transaction that throws, indexes included', () => {
    const store = filled();
    expect(() =>
      store.transaction(() => {
        store.insert('Account', account(4));
        store.replace('Account', account(1, { Name: 'Changed', External_Key__c: 'CHANGED' }));
        store.softDelete('Account', fakeId('001', 3));
        store.transaction(() => store.insert('Account', account(5)));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(names(store.scan('Account', { includeDeleted: true }))).toEqual(['Account 1', 'Account 2', 'Account 3']);
    expect(store.byId(fakeId('001', 4))).toBeUndefined();
    expect(names(store.lookup!('Account', 'External_Key__c', 'KEY-1'))).toEqual(['Account 1']);
    expect(names(store.lookup!('Account', 'External_Key__c', 'CHANGED'))).toEqual([]);
    expect(store.byId(fakeId('001', 3))?.IsDeleted).toBe(false);
  });

  it('lets a nested transaction that throws join the outer one: caught inside, its writes stay', () => {
    const store = filled();
    store.transaction(() => {
      try {
        store.transaction(() => {
          store.insert('Account', account(4));
          throw new Error('inner');
        });
      } catch {
        // the outer transaction goes on
      }
    });
    expect(store.byId(fakeId('001', 4))?.Name).toBe('Account 4');
  });

  it('keeps begin() open across other writes, then commits or rolls them all back', async () => {
    const store = filled();
    const first = store.begin();
    store.insert('Account', account(4));
    await new Promise((resolve) => setTimeout(resolve, 1));
    store.transaction(() => store.insert('Account', account(5)));
    const nested = store.begin();
    nested.commit();
    first.rollback();
    expect(store.byId(fakeId('001', 4))).toBeUndefined();
    expect(store.byId(fakeId('001', 5))).toBeUndefined();

    const second = store.begin();
    store.insert('Account', account(6));
    second.commit();
    expect(store.byId(fakeId('001', 6))?.Name).toBe('Account 6');
    expect(() => store.transaction(() => store.insert('Account', account(7)))).not.toThrow();
  });

  it('answers SOQL the same way: indexed equality, scans, queryAll', () => {
    const store = filled();
    store.softDelete('Account', fakeId('001', 3));
    const run = (soql: string, includeDeleted = false): unknown[] => executeSoql(soql, { schema, records: store, now: NOW, includeDeleted }).rows.map((r) => r.Name);
    expect(run(`SELECT Name FROM Account WHERE External_Key__c = 'key-1'`)).toEqual(['Account 1']);
    expect(run(`SELECT Name FROM Account WHERE Id = '${fakeId('001', 2)}'`)).toEqual(['Account 2']);
    expect(run(`SELECT Name FROM Account ORDER BY Name DESC`)).toEqual(['Account 2', 'Account 1']);
    expect(run(`SELECT Name FROM Account WHERE Name LIKE '%3'`, true)).toEqual(['Account 3']);
    expect(run(`SELECT Name FROM Account WHERE Id = '${fakeId('001', 99)}'`)).toEqual([]);
  });
});
