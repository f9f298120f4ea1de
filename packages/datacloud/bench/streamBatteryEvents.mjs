// The Data Cloud streaming benchmark (`npm run bench`, after a build). Generates BENCH_EVENTS
// (default 1,000,000) battery-status events into a temp NDJSON file, starts a mock org with a Data
// Cloud tenant in its own process, streams the file through createStreamer in another process
// (so its peak RSS is the streamer's alone), checks every row landed through the Query API, then
// runs the article's one-POST-per-event client for BENCH_ONE_EVENTS (20,000) events or
// BENCH_ONE_SECONDS (20) s. Prints JSON. BENCH_CPU_PROF=<dir> writes CPU profiles of the streamer
// and tenant processes under <dir>/streamer and <dir>/tenant; BENCH_STREAMER_NODE_FLAGS (e.g.
// "--max-semi-space-size=4") are node flags for the streamer process.
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { query } from '../dist/index.js';
import { CONNECTOR, OBJECT, writeBatteryEvents } from './batteryEvents.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ONE_EVENTS = Number(process.env.BENCH_ONE_EVENTS ?? 20_000);
const ONE_SECONDS = Number(process.env.BENCH_ONE_SECONDS ?? 20);
const MAX_REQUEST_BYTES = 200 * 1024;
const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const run = promisify(execFile);

/** Runs a bench script in a fresh node process and parses the JSON it prints. */
async function runChild(script, args, env, nodeArgs = []) {
  const { stdout } = await run(process.execPath, [...nodeArgs, here(script), ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

/** Sends a request to the tenant process and waits for its answer of the same type. */
async function ask(tenant, type) {
  tenant.send({ type });
  for (;;) {
    const [message] = await once(tenant, 'message');
    if (message.type === type) return message;
  }
}

// Other processes on the machine change the figures: the 1-minute load average is printed with them.
const loadAtStart = loadavg()[0];
const work = mkdtempSync(join(tmpdir(), 'datacloud-bench-'));
const profileDir = process.env.BENCH_CPU_PROF;
const profile = (name) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : []);
const tenant = fork(here('mockTenant.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: profile('tenant') });
try {
  const file = join(work, 'battery-events.ndjson');
  const fileBytes = await writeBatteryEvents(file, EVENTS);
  const [ready] = await once(tenant, 'message');
  const env = { BENCH_LOGIN_URL: ready.loginUrl, BENCH_CLIENT_ID: ready.clientId, BENCH_CLIENT_SECRET: ready.clientSecret };
  const auth = { core: { kind: 'client-credentials', loginUrl: ready.loginUrl, clientId: ready.clientId, clientSecret: ready.clientSecret } };

  const beforeStream = await ask(tenant, 'stats');
  const streamerFlags = (process.env.BENCH_STREAMER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const streamed = await runChild('streamFile.mjs', [file, work], env, [...streamerFlags, ...profile('streamer')]);
  const afterStream = await ask(tenant, 'stats');
  await ask(tenant, 'settled');
  const dlo = `${OBJECT}_${CONNECTOR}__dll`;
  const [{ landed }] = await query({ auth, sql: `SELECT COUNT(*) AS landed FROM ${dlo} WHERE eventId__c LIKE 'evt-%'` });

  const onePerRequest = await runChild('onePerRequest.mjs', [String(ONE_EVENTS), String(ONE_SECONDS)], env);
  await ask(tenant, 'settled');
  const [{ landedOne }] = await query({ auth, sql: `SELECT COUNT(*) AS landedOne FROM ${dlo} WHERE eventId__c LIKE 'one-%'` });
  const tenantSide = await ask(tenant, 'stats');

  const { summary } = streamed;
  const meanBytes = summary.bytesSent / summary.requests;
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] } },
        input: { events: EVENTS, fileMB: Math.round(fileBytes / 2 ** 20), meanEventBytes: Math.round(fileBytes / EVENTS) - 1 },
        streamer: {
          eventsPerSecond: Math.round(EVENTS / streamed.seconds),
          seconds: Number(streamed.seconds.toFixed(2)),
          accepted: summary.accepted,
          deadLettered: summary.deadLettered,
          requests: summary.requests,
          retried: summary.retried,
          meanBytesPerRequest: Math.round(meanBytes),
          meanRequestFractionOf200KB: Number((meanBytes / MAX_REQUEST_BYTES).toFixed(3)),
          peakRssMB: streamed.maxRssMB,
          nodeFlags: streamerFlags.join(' '),
          cpuSeconds: Number(streamed.cpuSeconds.toFixed(1)),
          tenantRequests: afterStream.stats.requests,
          tenantThrottled: afterStream.stats.throttled,
          tenantCpuSeconds: Number((afterStream.cpuSeconds - beforeStream.cpuSeconds).toFixed(1)),
          landedRows: landed,
        },
        onePerRequest: { ...onePerRequest, landedRows: landedOne },
        tenantPeakRssMB: tenantSide.maxRssMB,
        aims: {
          eventsPerSecondAtLeast50k: EVENTS / streamed.seconds >= 50_000,
          meanRequestAtLeast90Percent: meanBytes / MAX_REQUEST_BYTES >= 0.9,
          rssAtMost150MB: streamed.maxRssMB <= 150,
          everyRowLanded: landed === EVENTS,
        },
      },
      null,
      2,
    ),
  );
} finally {
  tenant.send({ type: 'close' });
  await once(tenant, 'exit');
  rmSync(work, { recursive: true, force: true });
}
