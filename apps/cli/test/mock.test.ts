import { execFileSync, spawn } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin/orgkit.js', import.meta.url));

interface OrgDescription {
  name: string;
  orgId: string;
  instanceUrl: string;
  loginUrl: string;
  users: { admin: { username: string }; integration: { id: string } };
  connectedApp: { clientId: string; clientSecret: string };
  dataCloud?: { tenantUrl: string; tenantId: string };
}

interface IdpDescription {
  url: string;
  entityId: string;
  metadataUrl: string;
  users: { nameId: string; password: string }[];
}

/** Starts `orgkit mock start`, resolves with the orgs it printed once its JSON is complete. */
function startMock(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'mock', 'start', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  // A signal death shows as its name, so a crash is told apart from a clean exit.
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const printed = new Promise<{ orgs: OrgDescription[]; idp?: IdpDescription }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve(JSON.parse(out) as { orgs: OrgDescription[]; idp?: IdpDescription });
      } catch {
        // not all of it yet
      }
    });
    child.on('exit', (code) => reject(new Error(`orgkit mock start exited ${code} before printing its orgs`)));
  });
  return { child, printed, orgs: printed.then((p) => p.orgs), exited };
}

/** Runs `fn` with a fresh temp folder, removed afterwards. */
async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-mock-cli-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function clientCredentialsToken(org: OrgDescription): Promise<string> {
  const res = await fetch(`${org.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: org.connectedApp.clientId, client_secret: org.connectedApp.clientSecret }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('orgkit mock start', () => {
  it('serves the orgs it prints, each with its own credentials, until Ctrl-C', async () => {
    const { child, orgs, exited } = startMock(['--orgs', 'A,B']);
    const [a, b] = await orgs;
    expect([a!.name, b!.name]).toEqual(['A', 'B']);
    expect(a!.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a!.orgId).toMatch(/^00D[0-9A-Za-z]{15}$/);
    expect(a!.orgId).not.toBe(b!.orgId);

    const token = await clientCredentialsToken(a!);
    const query = await fetch(`${a!.instanceUrl}/services/data/v65.0/query?q=${encodeURIComponent('SELECT Id FROM Organization')}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await query.json()) as { records: { Id: string }[] }).records[0]!.Id).toBe(a!.orgId);
    // The force-app schema is loaded: the enrichment's custom field is queryable.
    const custom = await fetch(`${a!.instanceUrl}/services/data/v65.0/query?q=${encodeURIComponent('SELECT CAPIQ_Id__c FROM Account')}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(custom.status).toBe(200);

    const elsewhere = await fetch(`${b!.instanceUrl}/services/data/v65.0/limits`, { headers: { Authorization: `Bearer ${token}` } });
    expect(elsewhere.status).toBe(401);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('rejects a source folder that does not exist, without a stack trace', async () => {
    const { orgs, exited, child } = startMock(['--source-dir', 'no/such/folder']);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await expect(orgs).rejects.toThrow(/exited 2/);
    expect(await exited).toBe(2);
    expect(stderr).toContain('SOURCE_NOT_FOUND');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('orgkit mock start --data-dir --faults', () => {
  it('keeps the org across a restart and applies the faults file', async () => {
    await inTempDir(async (dir) => {
      const faultsFile = path.join(dir, 'faults.json');
      await writeFile(faultsFile, JSON.stringify({ seed: 7, rules: [{ match: { path: '/services/data/*/limits' }, error: 'SERVER_UNAVAILABLE' }] }));
      const first = startMock(['--orgs', 'A', '--data-dir', path.join(dir, 'data'), '--faults', faultsFile]);
      const [a] = await first.orgs;
      const token = await clientCredentialsToken(a!);
      const limits = await fetch(`${a!.instanceUrl}/services/data/v65.0/limits`, { headers: { Authorization: `Bearer ${token}` } });
      expect(limits.status).toBe(503);
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);

      const second = startMock(['--orgs', 'A', '--data-dir', path.join(dir, 'data')]);
      const [again] = await second.orgs;
      expect(again!.orgId).toBe(a!.orgId);
      expect(again!.connectedApp.clientSecret).toBe(a!.connectedApp.clientSecret);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    });
  });

  it('says what is wrong with a faults file that is not JSON', async () => {
    await inTempDir(async (dir) => {
      const faultsFile = path.join(dir, 'faults.json');
      await writeFile(faultsFile, '{ rules: ');
      const { orgs, exited, child } = startMock(['--faults', faultsFile]);
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      await expect(orgs).rejects.toThrow(/exited 2/);
      expect(await exited).toBe(2);
      expect(stderr).toContain('INPUT_FILE_UNREADABLE');
    });
  });
});

describe('orgkit mock start --config', () => {
  it('starts the orgs the config names, with their extra users', async () => {
    await inTempDir(async (dir) => {
      const configFile = path.join(dir, 'orgs.json');
      await writeFile(configFile, JSON.stringify({ orgs: [{ name: 'Engagement', users: [{ username: 'ada@example.com', lastName: 'Lovelace', federationIdentifier: 'ada@idp' }] }] }));
      const { child, orgs, exited } = startMock(['--config', configFile, '--no-source']);
      const [org] = (await orgs) as (OrgDescription & { users: { others: { username: string }[] } })[];
      expect(org!.name).toBe('Engagement');
      expect(org!.users.others.map((u) => u.username)).toEqual(['ada@example.com']);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    });
  });

  it('with --idp starts a SAML IdP, connects each org to it and lists its users', async () => {
    await inTempDir(async (dir) => {
      const configFile = path.join(dir, 'orgs.json');
      await writeFile(configFile, JSON.stringify({ orgs: [{ name: 'A', users: [{ username: 'ada@example.com', lastName: 'Lovelace', federationIdentifier: 'ada@idp', password: 'engine-1843' }, { username: 'bob@example.com', lastName: 'Nofed' }] }] }));
      const { child, printed, exited } = startMock(['--config', configFile, '--no-source', '--idp']);
      const { orgs, idp } = await printed;
      expect(idp!.users).toEqual([{ nameId: 'ada@idp', password: 'engine-1843' }]);
      const metadata = await (await fetch(idp!.metadataUrl)).text();
      expect(metadata).toContain(`entityID="${idp!.entityId}"`);
      const loginPage = await (await fetch(`${orgs[0]!.instanceUrl}/login`)).text();
      expect(loginPage).toContain('Log in with Mock_IdP');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    });
  });

  it('says what a config must hold', async () => {
    await inTempDir(async (dir) => {
      const configFile = path.join(dir, 'orgs.json');
      await writeFile(configFile, JSON.stringify({ orgs: [{ users: [] }] }));
      const { orgs, exited, child } = startMock(['--config', configFile]);
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      await expect(orgs).rejects.toThrow(/exited 2/);
      expect(await exited).toBe(2);
      expect(stderr).toContain('CONFIG_INVALID');
      expect(stderr).toContain('"orgs" must be a non-empty list');
    });
  });
});

const BATTERY_YAML = `openapi: 3.0.3
components:
  schemas:
    BatteryStatus:
      type: object
      properties:
        eventId:
          type: string
        batteryLevel:
          type: number
`;

/** The variables a shell gets from `set -a; . file; set +a`, as the README tells users to load them. */
function sourceEnvFile(file: string): Record<string, string> {
  const out = execFileSync('bash', ['-c', 'set -a; . "$1"; set +a; env -0', 'bash', file], { env: {} }).toString();
  return Object.fromEntries(out.split('\0').filter((line) => line.startsWith('ORGKIT_')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** A JWT bearer login with what the env file holds, as another orgkit command would do it. */
async function jwtLogin(env: Record<string, string>): Promise<{ access_token: string; instance_url: string }> {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode({ iss: env.ORGKIT_CLIENT_ID, sub: env.ORGKIT_USERNAME, aud: env.ORGKIT_LOGIN_URL, exp: Math.floor(Date.now() / 1000) + 300 })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(await readFile(env.ORGKIT_JWT_KEY_FILE!, 'utf8')).toString('base64url');
  const res = await fetch(`${env.ORGKIT_LOGIN_URL}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${unsigned}.${signature}` }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; instance_url: string };
}

describe('orgkit mock start --datacloud --write-env', () => {
  it('gives every org a tenant with the connector, and writes a JWT login other commands can source', async () => {
    await inTempDir(async (dir) => {
      const schemaFile = path.join(dir, 'battery status.yaml');
      await writeFile(schemaFile, BATTERY_YAML);
      const envFile = path.join(dir, '.orgkit', 'mock.env'); // a folder that does not exist yet
      const { child, orgs, exited } = startMock(['--orgs', 'A,B', '--no-source', '--datacloud', `solar=${schemaFile}`, '--write-env', envFile]);
      const [a, b] = await orgs;
      expect(a!.dataCloud!.tenantUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(b!.dataCloud!.tenantUrl).not.toBe(a!.dataCloud!.tenantUrl);

      const env = sourceEnvFile(envFile);
      expect(env).toMatchObject({ ORGKIT_LOGIN_URL: a!.loginUrl, ORGKIT_CLIENT_ID: a!.connectedApp.clientId, ORGKIT_USERNAME: `integration@org-a.mock` });
      expect((await stat(env.ORGKIT_JWT_KEY_FILE!)).mode & 0o777).toBe(0o600);

      const core = await jwtLogin(env);
      const exchanged = await fetch(`${core.instance_url}/services/a360/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'urn:salesforce:grant-type:external:cdp', subject_token: core.access_token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }),
      });
      const tenant = (await exchanged.json()) as { access_token: string; instance_url: string };
      expect(tenant.instance_url).toBe(a!.dataCloud!.tenantUrl);
      const headers = { authorization: `Bearer ${tenant.access_token}`, 'content-type': 'application/json' };
      const sent = await fetch(`${tenant.instance_url}/api/v1/ingest/sources/solar/BatteryStatus`, { method: 'POST', headers, body: JSON.stringify({ data: [{ eventId: 'e-1', batteryLevel: 42 }] }) });
      expect(sent.status).toBe(202);
      const query = await fetch(`${tenant.instance_url}/api/v2/query`, { method: 'POST', headers, body: JSON.stringify({ sql: 'SELECT eventId__c, batteryLevel__c FROM BatteryStatus_solar__dll' }) });
      expect(((await query.json()) as { data: unknown[][] }).data).toEqual([['e-1', 42]]);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
    });
  });

  it('says which schema file is missing or invalid, without a stack trace', async () => {
    await inTempDir(async (dir) => {
      const missing = startMock(['--orgs', 'A', '--no-source', '--datacloud', `solar=${path.join(dir, 'nope.yaml')}`]);
      let stderr = '';
      missing.child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      await expect(missing.orgs).rejects.toThrow(/exited 2/);
      expect(stderr).toContain('INPUT_FILE_UNREADABLE');
      expect(stderr).toContain('nope.yaml');

      const badFile = path.join(dir, 'bad.yaml');
      await writeFile(badFile, BATTERY_YAML.replace('type: number', 'type: integer'));
      const bad = startMock(['--orgs', 'A', '--no-source', '--datacloud', `solar=${badFile}`]);
      let badErr = '';
      bad.child.stderr.on('data', (c: Buffer) => (badErr += c.toString()));
      await expect(bad.orgs).rejects.toThrow(/exited 2/);
      expect(badErr).toContain('INVALID_SCHEMA');
      expect(badErr).toContain('integer');
      expect(badErr).not.toMatch(/\n\s+at /);
    });
  });
});
