import { describe, expect, it } from 'vitest';
import { ACCOUNTS, CONTACTS, fakeId } from './helpers/soqlFixture.js';
import { column } from './helpers/soqlRun.js';

/** Account names matching a WHERE clause, sorted for stable comparison. */
const names = (where: string): unknown[] => column(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`);

describe('comparison operators', () => {
  it('compares text case-insensitively with = and !=', () => {
    expect(names(`Name = 'ACME'`)).toEqual(['Acme']);
    expect(names(`Name != 'acme'`)).toEqual(['a.*b Initech', 'Globex 100%_sure', "O'Brien Umbrella", 'Zed']);
  });

  it('treats null != value as true and null in ranges as false', () => {
    expect(names(`Industry != 'Technology'`)).toEqual(['Globex 100%_sure', "O'Brien Umbrella", 'Zed']);
    expect(names('NumberOfEmployees < 50')).toEqual(['a.*b Initech', 'Zed']);
  });

  it('supports <, <=, >, >= on numbers', () => {
    expect(names('NumberOfEmployees > 100')).toEqual(['Globex 100%_sure']);
    expect(names('NumberOfEmployees >= 100')).toEqual(['Acme', 'Globex 100%_sure']);
    expect(names('NumberOfEmployees <= 20')).toEqual(['a.*b Initech', 'Zed']);
    expect(names('AnnualRevenue < 250000.5')).toEqual(['Globex 100%_sure', "O'Brien Umbrella"]);
    expect(names('NumberOfEmployees > -1 AND NumberOfEmployees < 8')).toEqual(['Zed']);
  });

  it('compares with null', () => {
    expect(names('Industry = null')).toEqual(['Zed']);
    expect(names('AnnualRevenue != NULL')).toEqual(['Acme', 'Globex 100%_sure', "O'Brien Umbrella"]);
  });

  it('compares booleans', () => {
    expect(names('Active__c = true')).toEqual(['a.*b Initech', 'Acme']);
    expect(names('Active__c = FALSE')).toEqual(['Globex 100%_sure', "O'Brien Umbrella", 'Zed']);
  });

  it('decodes string escapes', () => {
    expect(names(`Name = 'O\\'Brien Umbrella'`)).toEqual(["O'Brien Umbrella"]);
    expect(names(`Name = '\\u0041cme'`)).toEqual(['Acme']);
  });

  it('matches ids in 15- and 18-char form', () => {
    expect(names(`Id = '${ACCOUNTS.acme}'`)).toEqual(['Acme']);
    expect(names(`Id = '${ACCOUNTS.acme.slice(0, 15)}'`)).toEqual(['Acme']);
    expect(column(`SELECT LastName FROM Contact WHERE AccountId = '${ACCOUNTS.acme.slice(0, 15)}' ORDER BY LastName`, 'LastName')).toEqual(['Coyote', 'Runner']);
  });

  it('filters on parent fields', () => {
    expect(column(`SELECT LastName FROM Contact WHERE Account.Owner.Name = 'Ada Admin' ORDER BY LastName`, 'LastName')).toEqual(['Coyote', 'Runner']);
    expect(column(`SELECT LastName FROM Contact WHERE Account.Name = null`, 'LastName')).toEqual(['Orphan']);
  });
});

describe('LIKE', () => {
  it('matches % and _ case-insensitively', () => {
    expect(names(`Name LIKE 'a%'`)).toEqual(['a.*b Initech', 'Acme']);
    expect(names(`Name LIKE '_cme'`)).toEqual(['Acme']);
    expect(names(`Name LIKE '%ME'`)).toEqual(['Acme']);
    expect(names(`Name LIKE '%'`)).toHaveLength(5);
  });

  it('treats escaped \\% and \\_ as literal characters', () => {
    expect(names(`Name LIKE '%100\\%\\_%'`)).toEqual(['Globex 100%_sure']);
    expect(names(`Name LIKE '%1\\%%'`)).toEqual([]);
  });

  it('never treats regex metacharacters as syntax', () => {
    expect(names(`Name LIKE 'a.*b%'`)).toEqual(['a.*b Initech']);
    expect(names(`Name LIKE 'a.*%'`)).toEqual(['a.*b Initech']);
    expect(names(`Name LIKE '(['`)).toEqual([]);
  });

  it('stays fast on a pathological pattern', () => {
    const started = performance.now();
    expect(names(`Name LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%b'`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('IN and NOT IN', () => {
  it('matches any listed value', () => {
    expect(names(`Industry IN ('banking', 'Agriculture')`)).toEqual(['Globex 100%_sure', "O'Brien Umbrella"]);
    expect(names('NumberOfEmployees IN (7, 100)')).toEqual(['Acme', 'Zed']);
  });

  it('NOT IN keeps nulls', () => {
    expect(names(`Industry NOT IN ('Technology')`)).toEqual(['Globex 100%_sure', "O'Brien Umbrella", 'Zed']);
  });

  it('semi-joins on ids', () => {
    expect(names('Id IN (SELECT AccountId FROM Contact)')).toEqual(['Acme', 'Globex 100%_sure']);
    expect(names(`Id NOT IN (SELECT AccountId FROM Contact WHERE LastName = 'Scorpio')`)).toEqual(['a.*b Initech', 'Acme', "O'Brien Umbrella", 'Zed']);
  });
});

describe('INCLUDES and EXCLUDES on multi-select picklists', () => {
  it('matches any listed combination', () => {
    expect(column(`SELECT Name FROM Widget__c WHERE Tags__c INCLUDES ('red;blue') ORDER BY Name`)).toEqual(['W-1']);
    expect(column(`SELECT Name FROM Widget__c WHERE Tags__c INCLUDES ('red', 'blue') ORDER BY Name`)).toEqual(['W-1', 'W-2']);
    expect(column(`SELECT Name FROM Widget__c WHERE Tags__c EXCLUDES ('red') ORDER BY Name`)).toEqual(['W-2', 'W-3']);
  });
});

describe('AND, OR, NOT and parentheses', () => {
  it('honours parentheses', () => {
    expect(names(`(Industry = 'Technology' OR Industry = 'Banking') AND Active__c = false`)).toEqual(['Globex 100%_sure']);
    expect(names(`Industry = 'Technology' OR (Industry = 'Banking' AND Active__c = true)`)).toEqual(['a.*b Initech', 'Acme']);
  });

  it('applies NOT to the next operand only', () => {
    expect(names(`NOT Industry = 'Technology' AND Active__c = false`)).toEqual(['Globex 100%_sure', "O'Brien Umbrella", 'Zed']);
    expect(names(`NOT (Industry = 'Technology' OR Industry = 'Banking')`)).toEqual(["O'Brien Umbrella", 'Zed']);
    expect(names(`Active__c = false AND (NOT Name LIKE 'G%')`)).toEqual(["O'Brien Umbrella", 'Zed']);
  });

  it('evaluates injection-shaped input as the SOQL it is', () => {
    expect(names(`Name = '' OR Name != ''`)).toHaveLength(5);
    expect(names(`Name = 'x\\' OR Name != \\''`)).toEqual([]);
  });
});

describe('dates and datetimes', () => {
  it('compares date fields with date literals', () => {
    expect(names('SLAExpirationDate__c = 2026-11-26')).toEqual(['Acme']);
    expect(names('SLAExpirationDate__c > 2026-11-26')).toEqual(['a.*b Initech', 'Zed']);
    expect(names('SLAExpirationDate__c <= 2026-11-20')).toEqual(['Globex 100%_sure']);
  });

  it('compares datetime fields with datetime literals, honouring offsets', () => {
    expect(names('CreatedDate = 2026-11-26T09:30:00Z')).toEqual(['Acme']);
    expect(names('CreatedDate = 2026-11-26T11:30:00+02:00')).toEqual(['Acme']);
    expect(names('CreatedDate > 2026-11-26T00:00:00.000Z')).toEqual(['Acme', 'Zed']);
    expect(names('CreatedDate < 2026-11-25T22:00:00-01:00')).toEqual(['a.*b Initech', "O'Brien Umbrella"]);
    expect(names('CreatedDate < 2026-11-25T23:00:00-01:00')).toEqual(['a.*b Initech', 'Globex 100%_sure', "O'Brien Umbrella"]);
  });

  // NOW is Thursday 2026-11-26 15:00 UTC.
  it('resolves day literals against now (UTC) for date and datetime fields', () => {
    expect(names('SLAExpirationDate__c = TODAY')).toEqual(['Acme']);
    expect(names('CreatedDate = TODAY')).toEqual(['Acme']);
    expect(names('CreatedDate = YESTERDAY')).toEqual(['Globex 100%_sure']);
    expect(names('SLAExpirationDate__c = TOMORROW')).toEqual(['Zed']);
    expect(names('CreatedDate > TODAY')).toEqual(['Zed']);
    expect(names('CreatedDate < TODAY')).toEqual(['a.*b Initech', 'Globex 100%_sure', "O'Brien Umbrella"]);
    expect(names('SLAExpirationDate__c >= TODAY')).toEqual(['a.*b Initech', 'Acme', 'Zed']);
    expect(names('SLAExpirationDate__c <= TODAY')).toEqual(['Acme', 'Globex 100%_sure']);
  });

  it('resolves N-day literals: LAST_N_DAYS includes today, NEXT_N_DAYS starts tomorrow', () => {
    expect(names('CreatedDate = LAST_N_DAYS:1')).toEqual(['Acme', 'Globex 100%_sure']);
    expect(names('SLAExpirationDate__c = LAST_N_DAYS:6')).toEqual(['Acme', 'Globex 100%_sure']);
    expect(names('SLAExpirationDate__c = NEXT_N_DAYS:5')).toEqual(['a.*b Initech', 'Zed']);
    expect(names('SLAExpirationDate__c = NEXT_N_DAYS:1')).toEqual(['Zed']);
  });

  it('resolves week, month and year literals (weeks start Sunday)', () => {
    // This week: Sunday 2026-11-22 .. Saturday 2026-11-28.
    expect(names('CreatedDate = THIS_WEEK')).toEqual(['Acme', 'Globex 100%_sure', 'Zed']);
    expect(names('SLAExpirationDate__c = LAST_WEEK')).toEqual(['Globex 100%_sure']);
    expect(names('SLAExpirationDate__c = NEXT_WEEK')).toEqual(['a.*b Initech']);
    expect(names('CreatedDate = THIS_MONTH')).toEqual(['Acme', 'Globex 100%_sure', 'Zed']);
    expect(names('CreatedDate = LAST_MONTH')).toEqual(['a.*b Initech']);
    expect(names('CreatedDate = THIS_YEAR')).toEqual(['a.*b Initech', 'Acme', 'Globex 100%_sure', 'Zed']);
    expect(names('CreatedDate = LAST_YEAR')).toEqual(["O'Brien Umbrella"]);
    expect(names('CreatedDate IN (LAST_YEAR, TOMORROW)')).toEqual(["O'Brien Umbrella", 'Zed']);
  });
});

describe('queries on other objects', () => {
  it('filters contacts by a date field holding nulls', () => {
    expect(column(`SELECT LastName FROM Contact WHERE Birthdate < 1980-01-01`, 'LastName')).toEqual(['Scorpio']);
    expect(column(`SELECT Id FROM Contact WHERE Id = '${CONTACTS.hank}'`, 'Id')).toEqual([CONTACTS.hank]);
    expect(column(`SELECT Id FROM Contact WHERE Id = '${fakeId('003', 99)}'`, 'Id')).toEqual([]);
  });
});
