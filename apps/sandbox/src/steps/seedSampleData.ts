import type { OrgSession } from '@orgkit/deploy';
import { StepFailure } from '../stepFailure.js';

type Conn = OrgSession['conn'];

/** Verified accounts as Org B holds them: the CAPIQ id is what Org A's enrichment asks for. */
export const SAMPLE_ACCOUNTS = [
  { Name: 'Northwind Solar', CAPIQ_Id__c: 'IQ100001', Headquarters__c: 'Phoenix, AZ', Industry: 'Energy' },
  { Name: 'Iberia Renewables', CAPIQ_Id__c: 'IQ100002', Headquarters__c: 'Seville, Spain', Industry: 'Energy' },
  { Name: 'Deccan Power Systems', CAPIQ_Id__c: 'IQ100003', Headquarters__c: 'Pune, India', Industry: 'Utilities' },
  { Name: 'Swan River Storage', CAPIQ_Id__c: 'IQ100004', Headquarters__c: 'Perth, Australia', Industry: 'Energy' },
  { Name: 'Alpine Grid Partners', CAPIQ_Id__c: 'IQ100005', Headquarters__c: 'Zurich, Switzerland', Industry: 'Utilities' },
] as const;

/** Leads across the path's stages, sources, products and territories (values of force-app's picklists). */
export const SAMPLE_LEADS = [
  { FirstName: 'Maya', LastName: 'Okafor', Company: 'Sunfield Farms', Email: 'maya.okafor@sunfield.example', Status: 'New', LeadSource: 'Web', Product_Interest__c: 'Core Platform', Territory__c: 'North America' },
  { FirstName: 'Lucas', LastName: 'Moreau', Company: 'Atelier Volt', Email: 'lucas.moreau@ateliervolt.example', Status: 'Contacted', LeadSource: 'Trade Show', Product_Interest__c: 'Analytics', Territory__c: 'EMEA' },
  { FirstName: 'Priya', LastName: 'Raman', Company: 'Kaveri Microgrids', Email: 'priya.raman@kaveri.example', Status: 'Qualified', LeadSource: 'Partner Referral', Product_Interest__c: 'Integrations', Territory__c: 'APAC' },
  { FirstName: 'Tom', LastName: 'Becker', Company: 'Havel Logistics', Email: 'tom.becker@havel.example', Status: 'New', LeadSource: 'Email', Product_Interest__c: 'Professional Services', Territory__c: 'EMEA' },
  { FirstName: 'Grace', LastName: 'Liu', Company: 'Harbour Storage', Email: 'grace.liu@harbour.example', Status: 'Contacted', LeadSource: 'Phone Inquiry', Product_Interest__c: 'Analytics', Territory__c: 'APAC' },
  { FirstName: 'Diego', LastName: 'Santos', Company: 'Mesa Fleet Services', Email: 'diego.santos@mesa.example', Status: 'Unqualified', LeadSource: 'Advertisement', Product_Interest__c: 'Core Platform', Territory__c: 'North America' },
] as const;

const quoted = (values: readonly string[]): string => values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');

interface SaveResult {
  success: boolean;
  errors?: { message?: string; statusCode?: string }[];
}

function requireSaved(what: string, results: SaveResult[]): void {
  const failed = results.filter((r) => !r.success);
  if (failed.length > 0) throw new StepFailure(`${failed.length} of ${results.length} ${what} were not saved: ${failed[0]!.errors?.map((e) => `${e.statusCode}: ${e.message}`).join('; ') ?? 'no detail'}`);
}

async function countWhere(conn: Conn, soql: string): Promise<number> {
  return (await conn.query(soql)).totalSize;
}

/** Org B's accounts, upserted on the CAPIQ id (an external id), so a kept data folder is seeded once. */
export async function seedAccounts(conn: Conn): Promise<number> {
  const results = await conn.sobject('Account').upsert(SAMPLE_ACCOUNTS.map((a) => ({ ...a })), 'CAPIQ_Id__c', { allOrNone: true });
  requireSaved('accounts', results as SaveResult[]);
  const ids = SAMPLE_ACCOUNTS.map((a) => a.CAPIQ_Id__c);
  const count = await countWhere(conn, `SELECT COUNT() FROM Account WHERE CAPIQ_Id__c IN (${quoted(ids)})`);
  if (count !== ids.length) throw new StepFailure(`Org B holds ${count} of the ${ids.length} seeded accounts with CAPIQ ids`);
  return count;
}

/** Org A's leads, inserted when no lead has their email yet (a kept data folder is seeded once). */
export async function seedLeads(conn: Conn): Promise<number> {
  const emails = SAMPLE_LEADS.map((l) => l.Email);
  const existing = new Set((await conn.query<{ Email: string }>(`SELECT Email FROM Lead WHERE Email IN (${quoted(emails)})`)).records.map((r) => r.Email));
  const missing = SAMPLE_LEADS.filter((l) => !existing.has(l.Email)).map((l) => ({ ...l }));
  if (missing.length > 0) requireSaved('leads', (await conn.sobject('Lead').create(missing, { allOrNone: true })) as SaveResult[]);
  const count = await countWhere(conn, `SELECT COUNT() FROM Lead WHERE Email IN (${quoted(emails)})`);
  if (count !== emails.length) throw new StepFailure(`Org A holds ${count} of the ${emails.length} seeded leads`);
  return count;
}
