import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockOrgs, type FaultRule, type MockOrg, type MockOrgs } from '@orgkit/mock-org';
import type { DataCloudAuthOptions, DeadLetterEntry } from '../../src/index.js';
import { BATTERY_YAML } from './battery.js';

type TenantConfig = Exclude<NonNullable<Parameters<typeof startMockOrgs>[0]['dataCloud']>, true>;

export interface TestTenant {
  orgs: MockOrgs;
  org: MockOrg;
  tenant: NonNullable<MockOrg['dataCloud']>;
  /** Client credentials of the org's connected app (the CI way to log in). */
  auth: DataCloudAuthOptions;
  /** A fresh temp folder (removed by close). */
  dir(name: string): string;
  close(): Promise<void>;
}

/** One mock org with a Data Cloud tenant that has connector "solar" (BatteryStatus, primary key eventId). */
export async function startTenant(config: Partial<TenantConfig> = {}, faults?: FaultRule[]): Promise<TestTenant> {
  const orgs = await startMockOrgs({
    orgs: ['A'],
    sourceDir: null,
    ...(faults ? { faults: { seed: 7, rules: faults } } : {}),
    dataCloud: {
      connectors: [{ name: 'solar', schema: { yaml: BATTERY_YAML }, streams: [{ object: 'BatteryStatus', primaryKey: 'eventId', category: 'Engagement', eventTimeField: 'eventTime' }] }],
      ...config,
    },
  });
  const org = orgs.org('A');
  const root = mkdtempSync(join(tmpdir(), 'datacloud-test-'));
  return {
    orgs,
    org,
    tenant: org.dataCloud!,
    auth: { core: { kind: 'client-credentials', loginUrl: org.loginUrl, clientId: org.connectedApp.clientId, clientSecret: org.connectedApp.clientSecret } },
    dir: (name) => join(root, name),
    close: async () => {
      await orgs.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function readDeadLetters(file: string): DeadLetterEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as DeadLetterEntry);
}

/** Rows and distinct primary keys landed in the DLO (after everything accepted has landed). */
export async function landed(tenant: TestTenant['tenant'], table: string, where = '1=1'): Promise<{ rows: number; distinct: number }> {
  await tenant.settled();
  const [row] = tenant.query(`SELECT count(*) AS n, count(DISTINCT eventId__c) AS d FROM ${table} WHERE ${where}`);
  return { rows: Number(row!.n), distinct: Number(row!.d) };
}
