import { home } from './helpers/home.js';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrg } from '../src/index.js';
import { ensureScheduledJob } from '../src/postDeploy/scheduleJob.js';

/*
 * The mock org has no CronTrigger and no Tooling API, so the schedule step is tested against a
 * small loopback server that answers those two calls as Salesforce documents them.
 */
const TOKEN = '00D000000000001!AQ0AQLoopbackToken';
let server: Server;
let url: string;
let cronTriggers: { Id: string; State: string; NextFireTime: string | null }[] = [];
let anonymous: { compiled: boolean; success: boolean; compileProblem: string | null; exceptionMessage: string | null; line: number; column: number };
const executed: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    if (u.pathname === '/services/data/v65.0/query' && /FROM CronTrigger WHERE CronJobDetail\.Name = 'Nightly'$/.test(u.searchParams.get('q') ?? '')) {
      return send(200, { totalSize: cronTriggers.length, done: true, records: cronTriggers.map((c) => ({ attributes: { type: 'CronTrigger' }, ...c })) });
    }
    if (u.pathname === '/services/data/v65.0/tooling/executeAnonymous') {
      executed.push(u.searchParams.get('anonymousBody') ?? '');
      return send(200, anonymous);
    }
    return send(404, [{ errorCode: 'NOT_FOUND', message: `no route ${u.pathname}` }]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(home, { recursive: true, force: true });
});

const job = { jobName: 'Nightly', apex: "System.schedule('Nightly', '0 0 2 * * ?', new NightlySchedule());" };
const ok = { compiled: true, success: true, compileProblem: null, exceptionMessage: null, line: -1, column: -1 };

describe('scheduling through executeAnonymous', () => {
  it('runs the Apex when no job has the name, and skips when one has', async () => {
    const { conn } = await connectOrg({ kind: 'access-token', accessToken: TOKEN, instanceUrl: url }, '65.0');
    cronTriggers = [];
    anonymous = ok;
    expect(await ensureScheduledJob(conn, job)).toMatchObject({ status: 'done' });
    expect(executed).toEqual([job.apex]);
    cronTriggers = [{ Id: '08e000000000001AAA', State: 'WAITING', NextFireTime: '2026-11-27T02:00:00.000+0000' }];
    expect(await ensureScheduledJob(conn, job)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('08e000000000001AAA, WAITING') });
    expect(executed).toHaveLength(1);
  });

  it('reports Apex that does not compile or throws, with the org’s words', async () => {
    const { conn } = await connectOrg({ kind: 'access-token', accessToken: TOKEN, instanceUrl: url }, '65.0');
    cronTriggers = [];
    anonymous = { ...ok, compiled: false, success: false, compileProblem: 'Invalid type: NightlySchedule', line: 1, column: 50 };
    expect(await ensureScheduledJob(conn, job)).toMatchObject({ status: 'failed', reason: 'the Apex does not compile (line 1, column 50): Invalid type: NightlySchedule' });
    anonymous = { ...ok, success: false, exceptionMessage: 'System.AsyncException: The Apex job named "Nightly" is already scheduled for execution.' };
    expect(await ensureScheduledJob(conn, job)).toMatchObject({ status: 'failed', reason: expect.stringContaining('is already scheduled') });
  });
});
