import { describe, expect, it } from 'vitest';
import { idChecksum, isValidId, to18 } from '../src/index.js';
import { buildSchema } from '../src/schema/buildSchema.js';
import { loadSourceSchema } from '../src/schema/sourceSchema.js';

describe('ids', () => {
  it('adds the case-checksum suffix Salesforce adds', () => {
    expect(idChecksum('001A0000006Vm9r')).toBe('IAC');
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('001a0000006vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(isValidId('001A0000006Vm9rIAD')).toBe(false);
    expect(to18('not an id')).toBeUndefined();
  });
});

describe('schema from force-app', () => {
  it('gives custom objects deterministic a… key prefixes and reads the field types', () => {
    const source = loadSourceSchema(new URL('../../../force-app', import.meta.url).pathname);
    const first = buildSchema(source).schema;
    const second = buildSchema([...source].reverse()).schema;
    for (const name of ['Enrichment_Run__c', 'Enrichment_Run_Item__c', 'Account_Enrichment_Settings__c']) {
      expect(first.object(name)!.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
      expect(first.object(name)!.keyPrefix).toBe(second.object(name)!.keyPrefix);
    }
    const run = first.object('enrichment_run__c')!;
    expect(run.fields.get('callouts__c')).toMatchObject({ type: 'double', precision: 9, scale: 0 });
    expect(run.fields.get('status__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(first.object('Account')!.fields.get('capiq_id__c')).toMatchObject({ type: 'string', length: 80, unique: true, externalId: true });
    expect(first.object('Enrichment_Run_Item__c')!.fields.get('reason__c')).toMatchObject({ type: 'textarea', length: 32768 });
    expect(first.objectForId(`${run.keyPrefix}000000000001`)).toBe(run);
  });
});
