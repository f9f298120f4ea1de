import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batteryEvent, DLO, eventRange, startDataCloudFixture, type DataCloudFixture } from './helpers/dataCloudTenant.js';
import { runOrgkit } from './helpers/runOrgkit.js';

const BIN = fileURLToPath(new URL('../dist/bin/orgkit.js', import.meta.url));
const EVENTS = 50_000;
const FIRST = 100_000;

/** Starts `orgkit datacloud stream` on `file` and sends `signal` once the tenant has accepted `after` more events. */
async function streamUntil(args: string[], signal: NodeJS.Signals, after: number) {
  const tenant = dc.org.dataCloud!;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dc.dir, env: { ...process.env, NO_COLOR: '1', ...dc.env } });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  let running = true;
  void exited.then(() => (running = false));
  const acceptedBefore = tenant.stats().accepted;
  while (running && tenant.stats().accepted - acceptedBefore < after) await sleep(2);
  const signalled = running;
  child.kill(signal);
  return { ...(await exited), signalled, stdout: () => stdout };
}

const streamArgs = (file: string, spool: string) => ['datacloud', 'stream', '--connector', 'solar', '--object', 'BatteryStatus', '--schema', dc.schemaFile, '--file', file, '--spool', spool];

let dc: DataCloudFixture;
beforeAll(async () => {
  dc = await startDataCloudFixture();
});
afterAll(async () => {
  await dc?.close();
});

describe('orgkit datacloud stream stopped part way', () => {
  it('lands every event exactly once when a run killed mid-stream is run again', async () => {
    const file = path.join(dc.dir, 'fleet.ndjson');
    await writeFile(file, Array.from({ length: EVENTS }, (_, i) => `${JSON.stringify(batteryEvent(FIRST + i))}\n`).join(''));
    const spool = path.join(dc.dir, 'spool');
    const args = streamArgs(file, spool);
    const tenant = dc.org.dataCloud!;

    // Kill at a random point once Data Cloud has accepted some of this run's events.
    const killAfter = 1 + Math.floor(Math.random() * 20_000);
    const first = await streamUntil(args, 'SIGKILL', killAfter);
    expect(first.signalled, `the first run ended before ${killAfter} events were accepted`).toBe(true);
    expect(first.signal).toBe('SIGKILL');
    await tenant.settled();
    const landedByFirstRun = dc.count(eventRange(FIRST, FIRST + EVENTS - 1));
    expect(landedByFirstRun).toBeLessThan(EVENTS);

    const rerun = await runOrgkit([...args, '--json'], { cwd: dc.dir, env: dc.env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const result = (JSON.parse(rerun.stdout) as { result: { input: string; read: number; recovered: number; deadLettered: number } }).result;
    expect(result.deadLettered).toBe(0);
    // The rerun resent what the spool held and resumed reading after the last spooled line.
    expect(result.input).toMatch(/resuming after line \d+/);
    expect(result.read).toBeLessThan(EVENTS);
    expect(result.read + result.recovered).toBeGreaterThanOrEqual(EVENTS - landedByFirstRun);

    await tenant.settled();
    const [totals] = tenant.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT eventId__c) AS ids FROM ${DLO} WHERE ${eventRange(FIRST, FIRST + EVENTS - 1)}`);
    expect(totals).toEqual({ n: EVENTS, ids: EVENTS });
    expect(existsSync(path.join(spool, 'source-checkpoint.json'))).toBe(false);
  });

  it('on Ctrl-C stops reading, delivers what is spooled, says so, and the next run finishes the file', async () => {
    const first = 200_000;
    const count = 100_000; // more than the streamer lets pile up unsent (8 MiB), so reading is still going on at Ctrl-C
    const file = path.join(dc.dir, 'interrupted.ndjson');
    await writeFile(file, Array.from({ length: count }, (_, i) => `${JSON.stringify(batteryEvent(first + i))}\n`).join(''));
    const args = streamArgs(file, path.join(dc.dir, 'interrupted-spool'));
    const tenant = dc.org.dataCloud!;

    const interrupted = await streamUntil(args, 'SIGINT', 1);
    expect(interrupted.signalled).toBe(true);
    expect(interrupted.code).toBe(1);
    expect(interrupted.stdout()).toMatch(/^Interrupted\. Streamed /);
    expect(interrupted.stdout()).toMatch(/\d+ events stay in the spool .*run the same command again/);
    await tenant.settled();
    expect(dc.count(eventRange(first, first + count - 1))).toBeLessThan(count);

    const rerun = await runOrgkit(args, { cwd: dc.dir, env: dc.env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/resuming after line \d+/);
    await tenant.settled();
    expect(dc.count(eventRange(first, first + count - 1))).toBe(count);
  });
});
