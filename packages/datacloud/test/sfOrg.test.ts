import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batteryEvents, batterySchema, DLO } from './helpers/battery.js';
import { landed, startTenant, type TestTenant } from './helpers/tenant.js';

// @salesforce/core reads the home folder when it loads: point it at a temp folder first.
const home = mkdtempSync(join(tmpdir(), 'datacloud-sfcore-'));
process.env.HOME = home;
process.env.USERPROFILE = home;
process.env.SF_DISABLE_DNS_CHECK = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
const { AuthInfo } = await import('@salesforce/core');
const { createStreamer, createTokenProvider } = await import('../src/index.js');

let t: TestTenant;

beforeAll(async () => {
  t = await startTenant();
  const privateKeyFile = join(home, 'server.key');
  writeFileSync(privateKeyFile, t.org.connectedApp.privateKeyPem);
  // What `sf org login jwt` leaves in the auth store.
  const authInfo = await AuthInfo.create({ username: t.org.users.integration.username, oauth2Options: { clientId: t.org.connectedApp.clientId, privateKeyFile, loginUrl: t.org.loginUrl } });
  await authInfo.save();
  await authInfo.setAlias('solar-ci');
});
afterAll(async () => {
  await t.close();
  rmSync(home, { recursive: true, force: true });
});

describe('sf CLI org auth', () => {
  it('streams with an org alias from the sf CLI auth store', async () => {
    const auth = { core: { kind: 'sf-org' as const, aliasOrUsername: 'solar-ci' } };
    expect((await createTokenProvider(auth).get()).tenantUrl).toBe(t.tenant.tenantUrl);
    const streamer = await createStreamer({ auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: join(home, 'spool'), deadLetterFile: join(home, 'dead.ndjson') });
    await streamer.send(batteryEvents(25, 'sfcli'));
    await streamer.close();
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'sfcli-%'")).toEqual({ rows: 25, distinct: 25 });
  });

  it('tells the user to log in when the sf CLI does not know the org', async () => {
    await expect(createTokenProvider({ core: { kind: 'sf-org', aliasOrUsername: 'nobody@nowhere.mock' } }).get()).rejects.toMatchObject({ code: 'SF_ORG_AUTH_FAILED', message: expect.stringContaining('sf org login') });
  });
});
