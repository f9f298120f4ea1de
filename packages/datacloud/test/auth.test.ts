import { generateKeyPairSync } from 'node:crypto';
import { OrgAuthError } from '@orgkit/org-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamer, createTokenProvider, DataCloudError, tenantUrlFrom } from '../src/index.js';
import { batteryEvents, batterySchema, DLO } from './helpers/battery.js';
import { startLoginHost, type LoginHost } from './helpers/loginHost.js';
import { landed, startTenant, type TestTenant } from './helpers/tenant.js';

let t: TestTenant;
let loginHost: LoginHost;

beforeAll(async () => {
  t = await startTenant();
  loginHost = await startLoginHost(t.org.instanceUrl);
});
afterAll(async () => {
  await loginHost.close();
  await t.close();
});

/** The error a call failed with: a DataCloudError, or an OrgAuthError for the core login step. */
async function failure(promise: Promise<unknown>): Promise<DataCloudError | OrgAuthError> {
  try {
    await promise;
  } catch (err) {
    expect([DataCloudError, OrgAuthError].some((type) => err instanceof type)).toBe(true);
    return err as DataCloudError | OrgAuthError;
  }
  throw new Error('expected a failure');
}

const clientCredentialsToken = async (): Promise<string> => {
  const res = await fetch(`${t.org.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: t.org.connectedApp.clientId, client_secret: t.org.connectedApp.clientSecret }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
};

describe('Data Cloud auth', () => {
  it('logs in at the login host but exchanges at the core instance_url it returned, and streams to the tenant', async () => {
    const auth = { core: { kind: 'client-credentials' as const, loginUrl: loginHost.url, clientId: t.org.connectedApp.clientId, clientSecret: t.org.connectedApp.clientSecret } };
    const token = await createTokenProvider(auth).get();
    expect(token.tenantUrl).toBe(t.tenant.tenantUrl);
    expect(token.tenantUrl).not.toBe(t.org.instanceUrl);
    expect(loginHost.requests).toEqual(['POST /services/oauth2/token']);

    const streamer = await createStreamer({ auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: t.dir('host-spool'), deadLetterFile: t.dir('host-dead.ndjson') });
    await streamer.send(batteryEvents(10, 'host'));
    await streamer.close();
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'host-%'")).toEqual({ rows: 10, distinct: 10 });
  });

  it('logs in by JWT bearer with the connected app key', async () => {
    const provider = createTokenProvider({ core: { kind: 'jwt', loginUrl: t.org.loginUrl, clientId: t.org.connectedApp.clientId, username: t.org.users.integration.username, privateKeyPem: t.org.connectedApp.privateKeyPem } });
    const first = await provider.get();
    expect(first.tenantUrl).toBe(t.tenant.tenantUrl);
    expect(first.expiresAt).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    // Cached: the same token until it nears expiry.
    expect((await provider.get()).accessToken).toBe(first.accessToken);
  });

  it('exchanges a given access token, for a data space', async () => {
    const provider = createTokenProvider({ core: { kind: 'access-token', instanceUrl: t.org.instanceUrl, accessToken: await clientCredentialsToken() }, dataspace: 'default' });
    expect((await provider.get()).tenantUrl).toBe(t.tenant.tenantUrl);
  });

  it('says which data space is unknown', async () => {
    const err = await failure(createTokenProvider({ ...t.auth, dataspace: 'nowhere' }).get());
    expect(err.code).toBe('TOKEN_EXCHANGE_FAILED');
    expect(err.message).toContain('"nowhere"');
  });

  it('names a key that is not a private key before calling anyone', async () => {
    const err = await failure(Promise.resolve().then(() => createTokenProvider({ core: { kind: 'jwt', loginUrl: t.org.loginUrl, clientId: t.org.connectedApp.clientId, username: t.org.users.integration.username, privateKeyPem: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' } })));
    expect(err.code).toBe('INVALID_PRIVATE_KEY');
    expect(err.message).toMatch(/RSA private key \(PEM/);
  });

  it('says the key must match the uploaded certificate when the org refuses the signature', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const err = await failure(createTokenProvider({ core: { kind: 'jwt', loginUrl: t.org.loginUrl, clientId: t.org.connectedApp.clientId, username: t.org.users.integration.username, privateKeyPem: otherKey } }).get());
    expect(err.code).toBe('CORE_AUTH_FAILED');
    expect(err.message).toMatch(/invalid assertion/);
    expect(err.message).toMatch(/private key matches the certificate/);
  });

  it('never puts the client secret in the error of a refused login', async () => {
    const secret = 'S3CRET-VALUE-0123456789';
    const err = await failure(createTokenProvider({ core: { kind: 'client-credentials', loginUrl: t.org.loginUrl, clientId: t.org.connectedApp.clientId, clientSecret: secret } }).get());
    expect(err.code).toBe('CORE_AUTH_FAILED');
    expect(err.message).toMatch(/invalid client credentials/);
    expect(`${err.message} ${JSON.stringify(err)}`).not.toContain(secret);
  });

  it('explains an HTML answer from the exchange (wrong host, or a reused token) instead of a JSON parse error', async () => {
    const token = await clientCredentialsToken();
    const err = await failure(createTokenProvider({ core: { kind: 'access-token', instanceUrl: loginHost.url, accessToken: token } }).get());
    expect(err.code).toBe('NOT_JSON_RESPONSE');
    expect(err.message).toMatch(/HTML page/);
    expect(err.message).toMatch(/005104785/);
    expect(err.message).not.toContain(token);
  });

  it('tells the user to give a fresh token when a given access token was revoked', async () => {
    const token = await clientCredentialsToken();
    await fetch(`${t.org.loginUrl}/services/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    const err = await failure(createTokenProvider({ core: { kind: 'access-token', instanceUrl: t.org.instanceUrl, accessToken: token } }).get());
    expect(err.code).toBe('TOKEN_EXCHANGE_FAILED');
    expect(err.message).toMatch(/fresh access token/);
    expect(err.message).not.toContain(token);
  });

  it('refreshes once on a 401 when the tenant expires every token mid-stream', async () => {
    const streamer = await createStreamer({ auth: t.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: t.dir('expiry-spool'), deadLetterFile: t.dir('expiry-dead.ndjson'), maxRequestBytes: 20 * 1024 });
    let expired = 0;
    streamer.on('progress', (m) => {
      if (m.accepted > 0 && expired < 3) {
        expired++;
        t.tenant.expireTokens();
      }
    });
    for (let i = 0; i < 10_000; i += 500) await streamer.send(batteryEvents(500, 'expiry', i));
    const summary = await streamer.close();
    expect(expired).toBeGreaterThan(0);
    expect(summary).toMatchObject({ accepted: 10_000, deadLettered: 0 });
    expect(await landed(t.tenant, DLO, "eventId__c LIKE 'expiry-%'")).toEqual({ rows: 10_000, distinct: 10_000 });
  });
});

describe('token lifetime', () => {
  it('refreshes the tenant token before expires_in runs out (at most half its lifetime early)', async () => {
    const short = await startTenant({ tokenTtlSeconds: 2 });
    try {
      const provider = createTokenProvider(short.auth);
      const [a, b] = await Promise.all([provider.get(), provider.get()]);
      expect(b.accessToken).toBe(a.accessToken);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const c = await provider.get();
      expect(c.accessToken).not.toBe(a.accessToken);
      // The old token still worked when it was replaced: the refresh came before the expiry.
      const res = await fetch(`${a.tenantUrl}/api/v2/query`, { method: 'POST', headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ sql: `SELECT count(*) AS n FROM ${DLO}` }) });
      expect(res.status).toBe(200);
    } finally {
      await short.close();
    }
  });
});

describe('tenant endpoint from the exchange', () => {
  it('uses an instance_url that comes without a scheme', async () => {
    const scheme = await startTenant({ instanceUrlWithoutScheme: true });
    try {
      const token = await createTokenProvider(scheme.auth).get();
      // The mock org is plain http on loopback, so its tenant is too.
      expect(token.tenantUrl).toBe(scheme.tenant.tenantUrl);
      const streamer = await createStreamer({ auth: scheme.auth, connector: 'solar', object: 'BatteryStatus', schema: batterySchema, spoolDir: scheme.dir('spool'), deadLetterFile: scheme.dir('dead.ndjson') });
      await streamer.send(batteryEvents(5, 'noscheme'));
      await streamer.close();
      expect(await landed(scheme.tenant, DLO)).toEqual({ rows: 5, distinct: 5 });
    } finally {
      await scheme.close();
    }
  });

  it('adds https to a scheme-less tenant of an https org, and keeps a scheme it was given', () => {
    expect(tenantUrlFrom('abc123.c360a.salesforce.com', 'https://acme.my.salesforce.com')).toBe('https://abc123.c360a.salesforce.com');
    expect(tenantUrlFrom('abc123.c360a.salesforce.com/', 'http://127.0.0.1:4000')).toBe('http://abc123.c360a.salesforce.com');
    expect(tenantUrlFrom('http://127.0.0.1:5001', 'https://acme.my.salesforce.com')).toBe('http://127.0.0.1:5001');
  });
});
