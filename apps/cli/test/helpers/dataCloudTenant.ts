import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMockOrgs, type MockOrg, type MockOrgs } from '@orgkit/mock-org';

/** The connector the datacloud tests stream into: the article's battery-status events. */
export const BATTERY_SCHEMA = `openapi: 3.0.3
components:
  schemas:
    BatteryStatus:
      type: object
      properties:
        eventId:
          type: string
        deviceId:
          type: string
        batteryLevel:
          type: number
        eventTime:
          type: string
          format: date-time
        chargingState:
          type: string
`;

export const DLO = 'BatteryStatus_solar__dll';

export interface BatteryEvent {
  eventId: string;
  deviceId: string;
  batteryLevel: number;
  eventTime: string;
  chargingState: string;
}

const eventIdOf = (i: number): string => `evt-${String(i).padStart(6, '0')}`;

/** SQL condition for the events numbered first..last, so each test counts only its own rows. */
export const eventRange = (first: number, last: number): string => `eventId__c BETWEEN '${eventIdOf(first)}' AND '${eventIdOf(last)}'`;

export const batteryEvent = (i: number): BatteryEvent => ({
  eventId: eventIdOf(i),
  deviceId: `panel-${i % 50}`,
  batteryLevel: i % 101,
  eventTime: new Date(Date.UTC(2026, 5, 21) + i * 1000).toISOString(),
  chargingState: i % 2 === 0 ? 'Charging' : 'Discharging',
});

/** A mock org with a Data Cloud tenant, and the JWT login env `orgkit mock start --write-env` would write. */
export interface DataCloudFixture {
  mock: MockOrgs;
  org: MockOrg;
  dir: string;
  schemaFile: string;
  env: NodeJS.ProcessEnv;
  /** Rows landed in the DLO. */
  count(where?: string): number;
  close(): Promise<void>;
}

export async function startDataCloudFixture(): Promise<DataCloudFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-datacloud-cli-'));
  const schemaFile = path.join(dir, 'battery-status.yaml');
  await writeFile(schemaFile, BATTERY_SCHEMA);
  const mock = await startMockOrgs({
    orgs: ['DC'],
    sourceDir: null,
    dataCloud: {
      connectors: [{ name: 'solar', schema: schemaFile, streams: [{ object: 'BatteryStatus', primaryKey: 'eventId', category: 'Engagement', eventTimeField: 'eventTime' }] }],
    },
  });
  const org = mock.orgs[0]!;
  const keyFile = path.join(dir, 'jwt-key.pem');
  await writeFile(keyFile, org.connectedApp.privateKeyPem);
  await chmod(keyFile, 0o600);
  const home = path.join(dir, 'home');
  return {
    mock,
    org,
    dir,
    schemaFile,
    env: {
      HOME: home,
      SF_DISABLE_DNS_CHECK: 'true',
      SF_DISABLE_LOG_FILE: 'true',
      ORGKIT_LOGIN_URL: org.loginUrl,
      ORGKIT_CLIENT_ID: org.connectedApp.clientId,
      ORGKIT_USERNAME: org.users.integration.username,
      ORGKIT_JWT_KEY_FILE: keyFile,
    },
    count: (where) => Number(org.dataCloud!.query(`SELECT COUNT(*) AS n FROM ${DLO}${where ? ` WHERE ${where}` : ''}`)[0]!.n),
    close: async () => {
      await mock.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
