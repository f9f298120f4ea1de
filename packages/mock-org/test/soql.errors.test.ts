import { describe, expect, it } from 'vitest';
import { executeSoql } from '../src/soql/executeSoql.js';
import { SoqlError } from '../src/soql/types.js';
import { makeContext } from './helpers/soqlFixture.js';
import { soqlError } from './helpers/soqlRun.js';

describe('name errors', () => {
  it('reports an unknown field as INVALID_FIELD with Salesforce’s text', () => {
    const err = soqlError('SELECT Id, Foo FROM Account');
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toBe(
      "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    expect(soqlError(`SELECT Id FROM Account WHERE Bar__c = 'x'`).message).toContain("No such column 'Bar__c' on entity 'Account'");
    expect(soqlError('SELECT Id FROM Account ORDER BY Nope').errorCode).toBe('INVALID_FIELD');
    expect(soqlError('SELECT Account.Nope FROM Contact').message).toContain("No such column 'Nope' on entity 'Account'");
  });

  it('reports an unknown relationship', () => {
    const err = soqlError('SELECT Acount.Name FROM Contact');
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toMatch(/^Didn't understand relationship 'Acount' in field path/);
    expect(soqlError('SELECT Id, (SELECT Id FROM Contact) FROM Account').message).toMatch(/^Didn't understand relationship 'Contact' in FROM part of query call/);
  });

  it('reports an unknown object as INVALID_TYPE', () => {
    const err = soqlError('SELECT Id FROM Foo__c');
    expect(err.errorCode).toBe('INVALID_TYPE');
    expect(err.message).toBe(
      "sObject type 'Foo__c' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    );
  });
});

describe('type errors', () => {
  it.each([
    [`NumberOfEmployees = '5'`, "value of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes"],
    [`AnnualRevenue > 'x'`, "value of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes"],
    [`Active__c = 'true'`, "value of filter criterion for field 'Active__c' must be of type boolean and should not be enclosed in quotes"],
    [`Name = 5`, "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
    [`SLAExpirationDate__c = '2026-01-01'`, "value of filter criterion for field 'SLAExpirationDate__c' must be of type date and should not be enclosed in quotes"],
    [`SLAExpirationDate__c = 2026-01-01T00:00:00Z`, "value of filter criterion for field 'SLAExpirationDate__c' must be of type date and should not be enclosed in quotes"],
    [`CreatedDate > 2026-01-01`, "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
    [`Name IN ('a', 1)`, "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
  ])('%s → INVALID_FIELD', (where, message) => {
    const err = soqlError(`SELECT Id FROM Account WHERE ${where}`);
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toBe(message);
  });

  it('refuses malformed ids', () => {
    const err = soqlError(`SELECT Id FROM Account WHERE Id = 'nope'`);
    expect(err.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(err.message).toBe('invalid ID field: nope');
  });

  it('refuses LIKE on non-text fields', () => {
    expect(soqlError(`SELECT Id FROM Account WHERE NumberOfEmployees LIKE '5%'`).errorCode).toBe('INVALID_FIELD');
  });
});

describe('syntax errors', () => {
  it.each(['', 'garbage', 'SELECT FROM Account', 'SELECT Id FROM', 'SELECT Id FROM Account WHERE', "SELECT Id FROM Account WHERE Name = 'unterminated", 'DROP TABLE Account', 'SELECT Id FROM Account; DELETE'])(
    '%j → MALFORMED_QUERY',
    (soql) => {
      const err = soqlError(soql);
      expect(err).toBeInstanceOf(SoqlError);
      expect(err.errorCode).toBe('MALFORMED_QUERY');
      expect(err.message.length).toBeLessThan(400);
    },
  );

  it('reports the unexpected token', () => {
    expect(soqlError('SELEC Id FROM Account').message).toBe("unexpected token: 'SELEC'");
  });

  it('refuses AND mixed with OR without parentheses, as Salesforce does', () => {
    expect(soqlError(`SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'`).message).toBe("unexpected token: 'OR'");
  });

  it('refuses an OFFSET beyond 2000', () => {
    const err = soqlError('SELECT Id FROM account OFFSET 2001');
    expect(err.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(err.message).toBe('Maximum SOQL offset allowed for apiName Account is 2000');
    expect(executeSoql('SELECT Id FROM Account OFFSET 2000', makeContext()).rows).toEqual([]);
  });

  it('refuses FIELDS(ALL) without a LIMIT of at most 200', () => {
    expect(soqlError('SELECT FIELDS(ALL) FROM Account').message).toBe('The SOQL FIELDS function must have a LIMIT of at most 200');
    expect(executeSoql('SELECT FIELDS(ALL) FROM Account LIMIT 200', makeContext()).rows).toHaveLength(5);
  });

  it('refuses a field selected twice, FIELDS() included', () => {
    const err = soqlError('SELECT Name, name FROM Account');
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toBe('duplicate field selected: Name');
    expect(soqlError('SELECT Id, FIELDS(ALL) FROM Account LIMIT 200').message).toBe('duplicate field selected: Id');
    expect(soqlError('SELECT Account.Name, account.NAME FROM Contact').message).toBe('duplicate field selected: Account.Name');
  });

  it('refuses fields neither grouped nor aggregated', () => {
    expect(soqlError('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry').message).toBe('Field must be grouped or aggregated: Name');
  });

  it('refuses over-long queries before parsing', () => {
    expect(soqlError(`SELECT Id FROM Account WHERE Name = '${'x'.repeat(100_001)}'`).errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('unsupported SOQL', () => {
  it.each([
    ['SELECT TYPEOF Owner WHEN User THEN Name END FROM Account', 'TYPEOF'],
    ['SELECT toLabel(Industry) FROM Account', 'toLabel(Industry)'],
    ['SELECT FORMAT(AnnualRevenue) FROM Account', 'FORMAT(AnnualRevenue)'],
    ['SELECT convertCurrency(AnnualRevenue) FROM Account', 'convertCurrency(AnnualRevenue)'],
    ['SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry)', 'ROLLUP(Industry)'],
    ['SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2026', 'CALENDAR_YEAR(CreatedDate)'],
    ['SELECT Id, (SELECT Id, (SELECT Id FROM Widgets__r) FROM Contacts) FROM Account', 'nested child subqueries'],
    ['SELECT Id FROM Account WHERE CreatedDate = THIS_FISCAL_YEAR', 'THIS_FISCAL_YEAR'],
    ['SELECT Id FROM Account USING SCOPE mine', 'USING SCOPE'],
  ])('%s', (soql, what) => {
    const err = soqlError(soql);
    expect(err.errorCode).toBe('MALFORMED_QUERY');
    expect(err.message).toContain("isn't supported by the mock org");
    expect(err.message).toContain(what);
  });

  it('refuses SOSL and bind variables', () => {
    expect(soqlError('FIND {Acme} RETURNING Account').errorCode).toBe('MALFORMED_QUERY');
    expect(soqlError('SELECT Id FROM Account WHERE Name = :name').errorCode).toBe('MALFORMED_QUERY');
  });

  it('accepts and ignores security and locking clauses', () => {
    for (const tail of ['WITH SECURITY_ENFORCED', 'WITH USER_MODE', 'WITH SYSTEM_MODE', 'FOR VIEW', 'FOR UPDATE']) {
      expect(executeSoql(`SELECT Id FROM Account ${tail}`, makeContext()).rows).toHaveLength(5);
    }
  });
});

describe('hostile input', () => {
  it('refuses an unknown string escape', () => {
    expect(soqlError(`SELECT Id FROM Account WHERE Name = 'a\\qb'`).message).toContain("Illegal character sequence '\\q'");
  });

  it('answers deep nesting and long filters with a result or a SoqlError, quickly', () => {
    const nested = `SELECT Id FROM Account WHERE ${'('.repeat(20_000)}Name = 'a'${')'.repeat(20_000)}`;
    expect(soqlError(nested).errorCode).toBe('MALFORMED_QUERY');
    const ors = `SELECT Id FROM Account WHERE ${Array.from({ length: 500 }, (_, i) => `Name = 'n${i}'`).join(' OR ')}`;
    expect(executeSoql(ors, makeContext()).rows).toEqual([]);
  });

  it('throws nothing but SoqlError for token soup', () => {
    const tokens = ['SELECT', 'Id', 'Name', ',', 'FROM', 'Account', 'Contact', 'WHERE', '=', "'x'", '5', 'AND', 'OR', 'NOT', '(', ')', 'IN', 'LIKE', 'ORDER BY', 'GROUP BY', 'COUNT()', 'LIMIT', 'TODAY', 'null', '\\', "'", '.', 'Owner.Name', '(SELECT Id FROM Contacts)'];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const soql = ['SELECT', ...Array.from({ length: 1 + next(12) }, () => tokens[next(tokens.length)])].join(' ');
      try {
        executeSoql(soql, makeContext());
      } catch (err) {
        expect(err, soql).toBeInstanceOf(SoqlError);
      }
    }
  });
});
