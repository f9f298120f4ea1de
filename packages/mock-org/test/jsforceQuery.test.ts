import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;
let conn: Connection;
let acmeId: string;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A'] });
  org = orgs.org('A');
  conn = await jwtConnection(org);
  const acme = await conn.sobject('Account').create({ Name: 'Acme', CAPIQ_Id__c: 'IQ-1' });
  acmeId = acme.id!;
  await conn.sobject('Account').create({ Name: 'Globex', CAPIQ_Id__c: 'IQ-2' });
  await conn.sobject('Contact').create([
    { LastName: 'Ada', AccountId: acmeId },
    { LastName: 'Bo', AccountId: acmeId },
    { LastName: 'Cy' },
  ]);
});
afterAll(() => orgs.close());

describe('SOQL through jsforce', () => {
  it('renders parent relationships as nested records, and null for an empty lookup', async () => {
    const result = await conn.query<{ LastName: string; Account: { Name: string; Owner: { Username: string } } | null }>(
      'SELECT LastName, Account.Name, Account.Owner.Username FROM Contact ORDER BY LastName',
    );
    expect(result.records.map((r) => [r.LastName, r.Account?.Name ?? null])).toEqual([
      ['Ada', 'Acme'],
      ['Bo', 'Acme'],
      ['Cy', null],
    ]);
    expect(result.records[0]!.Account!.Owner.Username).toBe(org.users.admin.username);
  });

  it('renders a child subquery as a nested query result', async () => {
    const result = await conn.query<{ Name: string; Contacts: { totalSize: number; records: { LastName: string }[] } | null }>(
      'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name',
    );
    const [acme, globex] = result.records;
    expect(acme!.Contacts!.records.map((c) => c.LastName)).toEqual(['Ada', 'Bo']);
    expect(acme!.Contacts!.totalSize).toBe(2);
    expect(globex!.Contacts).toBeNull();
  });

  it('answers aggregates as AggregateResult rows', async () => {
    const result = await conn.query<{ AccountId: string | null; n: number }>('SELECT AccountId, COUNT(Id) n FROM Contact GROUP BY AccountId ORDER BY COUNT(Id) DESC');
    expect(result.records.map((r) => [r.AccountId, r.n])).toEqual([
      [acmeId, 2],
      [null, 1],
    ]);
  });
});

describe('injection attempts through the query parameter', () => {
  it('refuses statements SOQL does not have, and leaves the data alone', async () => {
    for (const q of [
      'SELECT Id FROM Account; DELETE FROM Account',
      "SELECT Id FROM Account WHERE Name = 'x' --' OR Name != ''",
      'SELECT Id FROM Account WHERE Name = 1 OR 1=1',
      `SELECT Id FROM Account WHERE ${'('.repeat(5000)}Name = 'x'${')'.repeat(5000)}`,
    ]) {
      const err = await failure(conn.query(q));
      expect([q.slice(0, 60), err.errorCode]).toEqual([q.slice(0, 60), expect.stringMatching(/^(MALFORMED_QUERY|INVALID_FIELD)$/)]);
    }
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(2);
  });

  it('treats a quote inside an escaped string as data, not syntax', async () => {
    const result = await conn.query(`SELECT Id FROM Account WHERE Name = 'Acme\\' OR Name != \\''`);
    expect(result.totalSize).toBe(0);
  });
});
