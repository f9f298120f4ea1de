import { describe, expect, it } from 'vitest';
import { executeSoql } from '../src/soql/executeSoql.js';
import { ACCOUNTS, CONTACTS, USERS, fakeId, makeContext } from './helpers/soqlFixture.js';
import { column, query } from './helpers/soqlRun.js';

const url = (type: string, id: string): string => `/services/data/v65.0/sobjects/${type}/${id}`;

describe('select list', () => {
  it('renders attributes first, then the selected fields in select order and canonical case', () => {
    const [row] = query(`select numberofemployees, NAME, id from account where id = '${ACCOUNTS.acme}'`);
    expect(row).toEqual({ attributes: { type: 'Account', url: url('Account', ACCOUNTS.acme) }, NumberOfEmployees: 100, Name: 'Acme', Id: ACCOUNTS.acme });
    expect(Object.keys(row!)).toEqual(['attributes', 'NumberOfEmployees', 'Name', 'Id']);
  });

  it('renders the API version it is given', () => {
    const { rows } = executeSoql(`SELECT Id FROM Account WHERE Id = '${ACCOUNTS.acme}'`, makeContext(), { apiVersion: '60.0' });
    expect(rows[0]!.attributes.url).toBe(`/services/data/v60.0/sobjects/Account/${ACCOUNTS.acme}`);
  });

  it('renders blank fields as null', () => {
    expect(query(`SELECT AnnualRevenue FROM Account WHERE Id = '${ACCOUNTS.initech}'`)[0]!.AnnualRevenue).toBeNull();
  });

  it('nests parent relationships with their own attributes, merging shared parents', () => {
    const [row] = query(`SELECT LastName, Account.Name, Account.Owner.Name, Owner.Username FROM Contact WHERE Id = '${CONTACTS.wile}'`);
    expect(row).toEqual({
      attributes: { type: 'Contact', url: url('Contact', CONTACTS.wile) },
      LastName: 'Coyote',
      Account: {
        attributes: { type: 'Account', url: url('Account', ACCOUNTS.acme) },
        Name: 'Acme',
        Owner: { attributes: { type: 'User', url: url('User', USERS.ada) }, Name: 'Ada Admin' },
      },
      Owner: { attributes: { type: 'User', url: url('User', USERS.ada) }, Username: 'ada@example.com' },
    });
  });

  it('renders a null lookup as a null parent', () => {
    const [row] = query(`SELECT LastName, Account.Name FROM Contact WHERE Id = '${CONTACTS.orphan}'`);
    expect(row!.Account).toBeNull();
  });

  it('follows custom relationships through __r', () => {
    const rows = query('SELECT Name, Parent__r.Name, Parent__r.Owner.Name FROM Widget__c ORDER BY Name');
    expect(rows.map((r) => (r.Parent__r as { Name: string } | null)?.Name ?? null)).toEqual(['Acme', 'Globex 100%_sure', null]);
    expect((rows[0]!.Parent__r as { Owner: { Name: string } }).Owner.Name).toBe('Ada Admin');
  });

  it('accepts the FROM alias as a field prefix', () => {
    expect(column(`SELECT a.Name FROM Account a WHERE a.Id = '${ACCOUNTS.acme}'`)).toEqual(['Acme']);
  });

  it('expands FIELDS(STANDARD) and FIELDS(CUSTOM)', () => {
    const [std] = query(`SELECT FIELDS(STANDARD) FROM Widget__c WHERE Name = 'W-1'`);
    expect(Object.keys(std!)).toEqual(['attributes', 'Id', 'IsDeleted', 'Name']);
    const [custom] = query(`SELECT FIELDS(CUSTOM) FROM Widget__c WHERE Name = 'W-1' LIMIT 1`);
    expect(Object.keys(custom!)).toEqual(['attributes', 'Amount__c', 'Tags__c', 'Parent__c']);
  });

  it('leaves deleted records out unless the query is a queryAll', () => {
    expect(column(`SELECT LastName FROM Contact WHERE LastName = 'Deleted'`, 'LastName')).toEqual([]);
    expect(column(`SELECT LastName FROM Contact WHERE LastName = 'Deleted'`, 'LastName', makeContext({ includeDeleted: true }))).toEqual(['Deleted']);
  });
});

describe('child subqueries', () => {
  it('nests children as a query result, or null when there are none', () => {
    const rows = query(`SELECT Name, (SELECT LastName, Account.Name FROM Contacts ORDER BY LastName DESC) FROM Account WHERE Name IN ('Acme', 'Zed') ORDER BY Name`);
    expect(rows[0]!.Contacts).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: { type: 'Contact', url: url('Contact', CONTACTS.road) },
          LastName: 'Runner',
          Account: { attributes: { type: 'Account', url: url('Account', ACCOUNTS.acme) }, Name: 'Acme' },
        },
        {
          attributes: { type: 'Contact', url: url('Contact', CONTACTS.wile) },
          LastName: 'Coyote',
          Account: { attributes: { type: 'Account', url: url('Account', ACCOUNTS.acme) }, Name: 'Acme' },
        },
      ],
    });
    expect(rows[1]!.Contacts).toBeNull();
  });

  it('applies the subquery WHERE and LIMIT per parent', () => {
    const rows = query(`SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null LIMIT 1) FROM Account WHERE Name IN ('Acme', 'Globex 100%_sure') ORDER BY Name`);
    expect(rows.map((r) => (r.Contacts as { records: { LastName: string }[] } | null)?.records.map((c) => c.LastName) ?? null)).toEqual([['Coyote'], ['Scorpio']]);
  });

  it('works for custom child relationships and keeps select order', () => {
    const [row] = query(`SELECT (SELECT Name FROM Widgets__r), Name FROM Account WHERE Id = '${ACCOUNTS.acme}'`);
    expect(Object.keys(row!)).toEqual(['attributes', 'Widgets__r', 'Name']);
    expect((row!.Widgets__r as { totalSize: number }).totalSize).toBe(1);
  });
});

describe('ORDER BY, LIMIT and OFFSET', () => {
  it('sorts ascending with nulls first by default, case-insensitively', () => {
    expect(column('SELECT Name, AnnualRevenue FROM Account ORDER BY AnnualRevenue', 'AnnualRevenue')).toEqual([null, null, 10, 250_000, 1_000_000.5]);
    expect(column('SELECT Name FROM Account ORDER BY Name')).toEqual(['a.*b Initech', 'Acme', 'Globex 100%_sure', "O'Brien Umbrella", 'Zed']);
  });

  it('keeps nulls first on DESC too (the documented default) and honours NULLS LAST', () => {
    expect(column('SELECT AnnualRevenue FROM Account ORDER BY AnnualRevenue DESC', 'AnnualRevenue')).toEqual([null, null, 1_000_000.5, 250_000, 10]);
    expect(column('SELECT AnnualRevenue FROM Account ORDER BY AnnualRevenue DESC NULLS LAST', 'AnnualRevenue')).toEqual([1_000_000.5, 250_000, 10, null, null]);
    expect(column('SELECT AnnualRevenue FROM Account ORDER BY AnnualRevenue ASC NULLS LAST', 'AnnualRevenue')).toEqual([10, 250_000, 1_000_000.5, null, null]);
  });

  it('sorts on several fields and on parent fields', () => {
    expect(column('SELECT Name FROM Account ORDER BY Owner.Name DESC NULLS LAST, Name ASC')).toEqual(['Globex 100%_sure', "O'Brien Umbrella", 'a.*b Initech', 'Acme', 'Zed']);
  });

  it('sorts picklists in their defined value order', () => {
    expect(column('SELECT Industry FROM Account WHERE Industry != null ORDER BY Industry', 'Industry')).toEqual(['Technology', 'Technology', 'Banking', 'Agriculture']);
  });

  it('pages with LIMIT and OFFSET', () => {
    expect(column('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['Acme', 'Globex 100%_sure']);
    expect(column('SELECT Name FROM Account ORDER BY Name OFFSET 4')).toEqual(['Zed']);
    expect(column('SELECT Name FROM Account LIMIT 0')).toEqual([]);
    expect(column('SELECT Name FROM Account LIMIT 2')).toHaveLength(2);
    expect(column('SELECT Name FROM Account LIMIT 2 OFFSET 4')).toHaveLength(1);
  });

  it('sorts dates and datetimes chronologically', () => {
    expect(column('SELECT CreatedDate FROM Account ORDER BY CreatedDate DESC LIMIT 2', 'CreatedDate')).toEqual(['2026-11-27T01:00:00.000+0000', '2026-11-26T09:30:00.000+0000']);
  });
});

describe('many records', () => {
  it('returns every match of a scan', () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ Id: fakeId('001', i + 1), Name: `N${i}` }));
    expect(query('SELECT Id FROM Account', makeContext({ records }))).toHaveLength(50);
  });
});
