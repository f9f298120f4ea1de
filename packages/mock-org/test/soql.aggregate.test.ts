import { describe, expect, it } from 'vitest';
import { executeSoql } from '../src/soql/executeSoql.js';
import { makeContext } from './helpers/soqlFixture.js';
import { query } from './helpers/soqlRun.js';

const agg = { type: 'AggregateResult' };

describe('COUNT()', () => {
  it('returns the count as totalSize and no rows', () => {
    expect(executeSoql('SELECT COUNT() FROM Account', makeContext())).toEqual({ totalSize: 5, rows: [] });
    expect(executeSoql(`SELECT COUNT() FROM Account WHERE Industry = 'Technology'`, makeContext())).toEqual({ totalSize: 2, rows: [] });
    expect(executeSoql('SELECT COUNT() FROM Account LIMIT 3', makeContext()).totalSize).toBe(3);
  });
});

describe('aggregate functions', () => {
  it('aggregates the whole table into one row named expr0, expr1, …', () => {
    expect(query('SELECT COUNT(Id), COUNT(AnnualRevenue), SUM(NumberOfEmployees), MIN(Name), MAX(CreatedDate), AVG(NumberOfEmployees) FROM Account')).toEqual([
      {
        attributes: agg,
        expr0: 5,
        expr1: 3,
        expr2: 5127,
        expr3: 'a.*b Initech',
        expr4: '2026-11-27T01:00:00.000+0000',
        expr5: 5127 / 4,
      },
    ]);
  });

  it('returns one row even when nothing matches', () => {
    expect(query(`SELECT COUNT(Id) c, SUM(AnnualRevenue) s FROM Account WHERE Name = 'nobody'`)).toEqual([{ attributes: agg, c: 0, s: null }]);
  });

  it('groups by one field with aliases, ordered by an aggregate', () => {
    const rows = query('SELECT Industry, COUNT(Id) n, COUNT_DISTINCT(OwnerId) owners FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC, Industry');
    expect(rows).toEqual([
      { attributes: agg, Industry: 'Technology', n: 2, owners: 1 },
      { attributes: agg, Industry: null, n: 1, owners: 0 },
      { attributes: agg, Industry: 'Banking', n: 1, owners: 1 },
      { attributes: agg, Industry: 'Agriculture', n: 1, owners: 1 },
    ]);
  });

  it('groups by several fields, parent fields included', () => {
    const rows = query('SELECT Owner.Name, Active__c, COUNT(Id) FROM Account WHERE OwnerId != null GROUP BY Owner.Name, Active__c ORDER BY Owner.Name, Active__c');
    expect(rows).toEqual([
      { attributes: agg, Name: 'Ada Admin', Active__c: true, expr0: 2 },
      { attributes: agg, Name: 'Bob Builder', Active__c: false, expr0: 2 },
    ]);
  });

  it('filters groups with HAVING', () => {
    const rows = query(`SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1`);
    expect(rows).toEqual([{ attributes: agg, Industry: 'Technology', expr0: 2 }]);
    expect(query(`SELECT Industry FROM Account GROUP BY Industry HAVING Industry IN ('Banking', 'Agriculture') ORDER BY Industry`)).toEqual([
      { attributes: agg, Industry: 'Banking' },
      { attributes: agg, Industry: 'Agriculture' },
    ]);
  });

  it('pages grouped rows', () => {
    expect(query('SELECT Industry FROM Account GROUP BY Industry ORDER BY Industry NULLS LAST LIMIT 2 OFFSET 1')).toEqual([
      { attributes: agg, Industry: 'Banking' },
      { attributes: agg, Industry: 'Agriculture' },
    ]);
  });

  it('aggregates child records by parent', () => {
    expect(query('SELECT AccountId, COUNT(Id) FROM Contact WHERE AccountId != null GROUP BY AccountId ORDER BY COUNT(Id) DESC LIMIT 1')[0]!.expr0).toBe(2);
  });
});
