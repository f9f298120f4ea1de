import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrgs } from '../src/index.js';
import { jwtConnection } from './orgClients.js';

const TOTAL = 5_200;
const key = (i: number): string => `PAGE-${String(i).padStart(5, '0')}`;
const soql = "SELECT Id, Name, CAPIQ_Id__c FROM Account WHERE Name LIKE 'Paged %' ORDER BY CAPIQ_Id__c";

let orgs: MockOrgs;
let conn: Connection;
const insertedIds: string[] = [];

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['A'] });
  conn = await jwtConnection(orgs.org('A'));
  // /composite/sobjects takes 200 records a call, as jsforce sends them.
  for (let start = 0; start < TOTAL; start += 200) {
    const records = Array.from({ length: Math.min(200, TOTAL - start) }, (_, i) => ({ Name: `Paged ${start + i}`, CAPIQ_Id__c: key(start + i) }));
    const results = await conn.sobject('Account').create(records, { allOrNone: true });
    for (const r of results) {
      expect(r.success).toBe(true);
      insertedIds.push(r.id!);
    }
  }
});
afterAll(() => orgs.close());

describe('jsforce paging over more than 5,000 records', () => {
  it('returns the first 2,000 rows and a nextRecordsUrl', async () => {
    const first = await conn.query<{ CAPIQ_Id__c: string }>(soql);
    expect(first).toMatchObject({ totalSize: TOTAL, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v65\.0\/query\/01g[a-zA-Z0-9]{15}-2000$/);
    expect(first.records[1999]!.CAPIQ_Id__c).toBe(key(1999));
  });

  it('fetches every record with autoFetch, in order, three pages', async () => {
    let pages = 0;
    const query = conn.query<{ Id: string; CAPIQ_Id__c: string }>(soql).on('fetch', () => pages++);
    const all = await query.run({ autoFetch: true, maxFetch: 10_000 });
    expect(all).toMatchObject({ totalSize: TOTAL, done: true });
    expect(all.records).toHaveLength(TOTAL);
    expect(pages).toBe(3);
    expect(all.records.map((r) => r.CAPIQ_Id__c)).toEqual(Array.from({ length: TOTAL }, (_, i) => key(i)));
    expect(new Set(all.records.map((r) => r.Id))).toEqual(new Set(insertedIds));
  });

  it('stops at maxFetch, and streams records one by one', async () => {
    const capped = await conn.query(soql, { autoFetch: true, maxFetch: 3_000 });
    expect(capped.totalSize).toBe(TOTAL);
    expect(capped.records).toHaveLength(3_000);

    let streamed = 0;
    await new Promise<void>((resolve, reject) => {
      conn
        .query(soql)
        .on('record', () => streamed++)
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 10_000 });
    });
    expect(streamed).toBe(TOTAL);
  });

  it('honours a smaller batch size asked for in Sforce-Query-Options', async () => {
    let pages = 0;
    const all = await conn
      .query(soql, { autoFetch: true, maxFetch: 10_000, headers: { 'Sforce-Query-Options': 'batchSize=1000' } })
      .on('fetch', () => pages++);
    expect(all.records).toHaveLength(TOTAL);
    expect(pages).toBe(6);
  });
});
