import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
}

/** Starts `orgkit mock start`, resolves with the orgs it printed once its JSON is complete. */
function startMock(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'mock', 'start', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const orgs = new Promise<OrgDescription[]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve((JSON.parse(out) as { orgs: OrgDescription[] }).orgs);
      } catch {
        // not all of it yet
      }
    });
    child.on('exit', (code) => reject(new Error(`orgkit mock start exited ${code} before printing its orgs`)));
  });
  return { child, orgs, exited };
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
