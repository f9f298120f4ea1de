import { describe, expect, it } from 'vitest';
import { executeSoql } from '../src/soql/executeSoql.js';
import type { SoqlContext } from '../src/soql/types.js';
import { ACCOUNTS, fakeId, makeContext } from './helpers/soqlFixture.js';
import { column } from './helpers/soqlRun.js';

const deletedContact = fakeId('003', 5);

describe('indexed lookups', () => {
  // scan() throws in these contexts: any query that scans fails.
  const indexedOnly = (): SoqlContext => makeContext({ scanThrows: true });

  it('answers Id and external-id equality without scanning', () => {
    expect(column(`SELECT Name FROM Account WHERE Id = '${ACCOUNTS.globex}'`, 'Name', indexedOnly())).toEqual(['Globex 100%_sure']);
    expect(column(`SELECT Name FROM Account WHERE External_Key__c = 'acme-1'`, 'Name', indexedOnly())).toEqual(['Acme']);
    expect(column(`SELECT Name FROM Account WHERE Id IN ('${ACCOUNTS.acme}', '${ACCOUNTS.blank}') ORDER BY Name`, 'Name', indexedOnly())).toEqual(['Acme', 'Zed']);
  });

  it('uses any indexed conjunct and still applies the rest of the filter', () => {
    expect(column(`SELECT Name FROM Account WHERE Name LIKE 'A%' AND External_Key__c = 'ACME-1'`, 'Name', indexedOnly())).toEqual(['Acme']);
    expect(column(`SELECT Name FROM Account WHERE External_Key__c = 'ACME-1' AND Active__c = false`, 'Name', indexedOnly())).toEqual([]);
  });

  it('keeps deleted records out of indexed answers too', () => {
    expect(column(`SELECT LastName FROM Contact WHERE Id = '${deletedContact}'`, 'LastName', indexedOnly())).toEqual([]);
    expect(column(`SELECT LastName FROM Contact WHERE Id = '${deletedContact}'`, 'LastName', makeContext({ includeDeleted: true }))).toEqual(['Deleted']);
  });

  it('scans when no conjunct is indexed, or the WHERE is a disjunction', () => {
    expect(() => executeSoql(`SELECT Id FROM Account WHERE Name = 'Acme'`, indexedOnly())).toThrow(/scan\(Account\) called/);
    expect(() => executeSoql(`SELECT Id FROM Account WHERE Id = '${ACCOUNTS.acme}' OR Name = 'Zed'`, indexedOnly())).toThrow(/scan\(Account\) called/);
    expect(column(`SELECT Name FROM Account WHERE Id = '${ACCOUNTS.acme}' OR Name = 'Zed' ORDER BY Name`)).toEqual(['Acme', 'Zed']);
  });

  it('gives the same answers without a lookup() at all', () => {
    const ctx = makeContext({ noLookup: true });
    expect(column(`SELECT Name FROM Account WHERE External_Key__c = 'GLOBEX-2'`, 'Name', ctx)).toEqual(['Globex 100%_sure']);
  });
});
