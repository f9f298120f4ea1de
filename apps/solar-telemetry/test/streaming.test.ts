import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockOrgs, type MockOrgs } from '@orgkit/mock-org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../src/batteryStatus.js';

const BIN = fileURLToPath(new URL('../dist/bin/solarTelemetry.js', import.meta.url));
const DLO = 'BatteryStatus_solar__dll';

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let mock: MockOrgs;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'solar-telemetry-'));
  mock = await startMockOrgs({
    orgs: ['Solar'],
    sourceDir: null,
    dataCloud: { connectors: [{ name: 'solar', schema: SCHEMA_FILE, streams: [{ object: 'BatteryStatus', primaryKey: 'eventId', category: 'Engagement', eventTimeField: 'eventTime' }] }] },
  });
  const org = mock.orgs[0]!;
  const keyFile = path.join(dir, 'jwt-key.pem');
  await writeFile(keyFile, org.connectedApp.privateKeyPem);
  await chmod(keyFile, 0o600);
  env = {
    HOME: path.join(dir, 'home'),
    SF_DISABLE_DNS_CHECK: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    ORGKIT_LOGIN_URL: org.loginUrl,
    ORGKIT_CLIENT_ID: org.connectedApp.clientId,
    ORGKIT_USERNAME: org.users.integration.username,
    ORGKIT_JWT_KEY_FILE: keyFile,
  };
});
afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});

// 8 panels, a reading every 15 minutes for 12 simulated hours: 49 ticks.
const SHORT_RUN = ['--devices', '8', '--interval', '15m', '--duration', '12h', '--speed', '0', '--start', '2026-06-21T06:00:00Z'];

describe('solar-telemetry', () => {
  it('streams a short simulated run into the Data Cloud tenant with the JWT login from the environment', async () => {
    const result = await run(SHORT_RUN, env, dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('392 events accepted into solar/BatteryStatus, 0 dead-lettered');
    const tenant = mock.orgs[0]!.dataCloud!;
    await tenant.settled();
    const [totals] = tenant.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT deviceId__c) AS devices, MIN(batteryLevel__c) AS low, MAX(batteryLevel__c) AS high FROM ${DLO}`);
    expect(totals).toMatchObject({ n: 392, devices: 8 });
    expect(Number(totals!.low)).toBeGreaterThanOrEqual(0);
    expect(Number(totals!.high)).toBeLessThanOrEqual(100);
    const [reading] = tenant.query(`SELECT siteId__c, eventTime__c, chargingState__c FROM ${DLO} WHERE eventId__c = 'panel-0001-20260621T120000Z'`);
    expect(reading).toMatchObject({ siteId__c: 'site-phoenix' });
  });

  it('writes the same readings as NDJSON with --out instead of streaming', async () => {
    const out = path.join(dir, 'readings.ndjson');
    const result = await run([...SHORT_RUN, '--out', out], {}, dir);
    expect(result.code, result.stderr).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(392);
    expect(JSON.parse(lines[0]!)).toMatchObject({ eventId: 'panel-0001-20260621T060000Z', deviceId: 'panel-0001', eventTime: '2026-06-21T06:00:00.000Z' });
  });
});
