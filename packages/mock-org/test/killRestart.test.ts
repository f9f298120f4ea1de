import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockOrgs } from '../src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// The child runs the built package (`npm test` builds it first), as another process would use it.
const buildDir = join(packageDir, 'dist');
const root = mkdtempSync(join(tmpdir(), 'mock-org-kill-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

interface Started {
  orgId: string;
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
}

async function startChild(dataDir: string): Promise<Started> {
  child = spawn(process.execPath, [join(packageDir, 'test/fixtures/serveWithDataDir.mjs'), buildDir, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<never>((_resolve, reject) => child!.once('exit', (code) => reject(new Error(`the mock exited with ${code} before printing its JSON`))));
  const firstLine = new Promise<string>((resolve) => createInterface({ input: child!.stdout! }).once('line', resolve));
  return JSON.parse(await Promise.race([firstLine, exited])) as Started;
}

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('kill -9', () => {
  it('keeps every write the mock acknowledged before it was killed', async () => {
    const dataDir = join(root, 'data');
    const started = await startChild(dataDir);
    const tokenRes = await call(`${started.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: started.clientId, client_secret: started.clientSecret }).toString(),
    });
    const token = (tokenRes.json as { access_token: string }).access_token;
    const api = `${started.instanceUrl}/services/data/v65.0`;

    // Four writers: single creates, 50-record collections and updates, until the kill cuts them off.
    const acknowledged = new Map<string, string>();
    let n = 0;
    let killed = false;
    const writer = async (kind: number): Promise<void> => {
      while (!killed) {
        const i = n++;
        try {
          if (kind === 0) {
            const res = await call(`${api}/sobjects/Account`, { method: 'POST', token, body: JSON.stringify({ Name: `Single ${i}` }) });
            if (res.status === 201) acknowledged.set((res.json as { id: string }).id, `Single ${i}`);
          } else if (kind === 1) {
            const records = Array.from({ length: 50 }, (_, k) => ({ attributes: { type: 'Account' }, Name: `Batch ${i}-${k}` }));
            const res = await call(`${api}/composite/sobjects`, { method: 'POST', token, body: JSON.stringify({ allOrNone: true, records }) });
            if (res.status === 200) (res.json as { id: string }[]).forEach((r, k) => acknowledged.set(r.id, `Batch ${i}-${k}`));
          } else {
            const [id] = [...acknowledged.keys()].slice(-1);
            if (!id) {
              await new Promise((resolve) => setTimeout(resolve, 5));
              continue;
            }
            const res = await call(`${api}/sobjects/Account/${id}`, { method: 'PATCH', token, body: JSON.stringify({ Name: `Updated ${i}` }) });
            if (res.status === 204) acknowledged.set(id, `Updated ${i}`);
          }
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 1, 2].map(writer);
    while (acknowledged.size < 2000) await new Promise((resolve) => setTimeout(resolve, 5));
    child!.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    expect(acknowledged.size).toBeGreaterThanOrEqual(2000);

    const mock = await startMockOrgs({ orgs: ['Durable'], dataDir, sourceDir: null });
    try {
      const org = mock.org('Durable');
      expect(org.orgId).toBe(started.orgId);
      const stored = new Map([...org.state.store.scan('Account', { includeDeleted: false })].map((r) => [r.Id as string, r.Name]));
      const missing = [...acknowledged].filter(([id, name]) => stored.get(id) !== name);
      expect(missing).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
