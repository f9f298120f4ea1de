#!/usr/bin/env node
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { addOrgAuthOptions, ORG_AUTH_HELP, resolveCoreAuth, type OrgAuthFlags } from '@orgkit/org-auth';
import { createStreamer } from '@orgkit/datacloud';
import { loadConnectorSchema } from '@orgkit/datacloud-schema';
import { Command, InvalidArgumentError } from 'commander';
import { CONNECTOR, OBJECT, SCHEMA_FILE } from '../batteryStatus.js';
import { parseDuration } from '../duration.js';
import { createPacer } from '../pace.js';
import { simulateFleet, type FleetTick } from '../simulator/fleet.js';

interface Flags extends OrgAuthFlags {
  devices: number;
  interval: number;
  duration: number;
  speed: number;
  start?: string;
  seed: number;
  out?: string;
  connector: string;
  schema: string;
  dataspace?: string;
  spool?: string;
  deadLetter?: string;
}

const positive = (what: string) => (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`${what} must be a number above 0`);
  return n;
};
const seconds = (value: string): number => {
  const s = parseDuration(value);
  if (s === undefined) throw new InvalidArgumentError('give seconds or a duration like 90s, 30m, 24h, 7d');
  return s;
};

/** Ticks at the pace of --speed until the run ends or Ctrl-C. */
async function* pacedTicks(flags: Flags, start: Date, signal: AbortSignal): AsyncGenerator<FleetTick> {
  const pace = createPacer(start, flags.speed, signal);
  for (const tick of simulateFleet({ devices: flags.devices, intervalSeconds: flags.interval, durationSeconds: flags.duration, start, seed: flags.seed })) {
    await pace(tick.time);
    if (signal.aborted) return;
    yield tick;
  }
}

async function writeEvents(flags: Flags, ticks: AsyncIterable<FleetTick>): Promise<number> {
  const out = flags.out === '-' ? process.stdout : createWriteStream(flags.out!);
  let count = 0;
  for await (const tick of ticks) {
    const ok = out.write(tick.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    count += tick.events.length;
    if (!ok) await once(out, 'drain');
  }
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
  return count;
}

async function streamEvents(flags: Flags, ticks: AsyncIterable<FleetTick>): Promise<void> {
  const spoolDir = path.resolve(flags.spool ?? path.join('.orgkit', 'spool', `${flags.connector}-${OBJECT}`));
  const streamer = await createStreamer({
    auth: { core: resolveCoreAuth(flags), ...(flags.dataspace ? { dataspace: flags.dataspace } : {}) },
    connector: flags.connector,
    object: OBJECT,
    schema: loadConnectorSchema(flags.schema),
    spoolDir,
    deadLetterFile: path.resolve(flags.deadLetter ?? path.join(spoolDir, 'dead-letter.ndjson')),
  });
  streamer.on('progress', (m) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${m.accepted} accepted · ${m.eventsPerSecond} events/s · ${m.retried} retried · ${m.deadLettered} dead-lettered\x1b[K`);
  });
  try {
    for await (const tick of ticks) await streamer.send(tick.events);
  } catch (err) {
    await streamer.abort();
    throw err;
  }
  const summary = await streamer.close();
  process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${summary.accepted} events accepted into ${flags.connector}/${OBJECT}, ${summary.deadLettered} dead-lettered, ${summary.requests} requests.\n`);
  if (summary.deadLettered > 0) process.exitCode = 2;
}

async function run(flags: Flags): Promise<void> {
  const start = flags.start ? new Date(flags.start) : new Date(Math.floor(Date.now() / 1000) * 1000);
  if (Number.isNaN(start.getTime())) throw new InvalidArgumentError(`--start ${flags.start} is not a date; use ISO-8601, e.g. 2026-06-21T00:00:00Z`);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const ticks = pacedTicks(flags, start, controller.signal);
  if (flags.out) {
    const count = await writeEvents(flags, ticks);
    process.stderr.write(`${count} BatteryStatus events from ${flags.devices} devices written to ${flags.out === '-' ? 'stdout' : flags.out}.\n`);
  } else {
    await streamEvents(flags, ticks);
  }
}

const program = new Command('solar-telemetry')
  .description('A fleet of simulated solar panels with batteries, sending BatteryStatus readings to Data Cloud (or to an NDJSON file)')
  .option('--devices <n>', 'number of panels', positive('--devices'), 10)
  .option('--interval <duration>', 'simulated time between two readings of a panel (e.g. 60, 30s, 5m)', seconds, 60)
  .option('--duration <duration>', 'simulated time to run (e.g. 1h, 24h, 7d)', seconds, 86_400)
  .option('--speed <n>', 'simulated seconds per real second (1440 runs a day in a minute; 0 = as fast as possible)', Number, 1)
  .option('--start <iso>', 'simulated start time (default now)')
  .option('--seed <n>', 'random seed: same seed, same fleet and readings', Number, 1)
  .option('--out <file>', 'write the events as NDJSON (- for stdout) instead of streaming them')
  .option('--connector <name>', 'Ingestion API connector name', CONNECTOR)
  .option('--schema <yaml>', 'connector schema', SCHEMA_FILE)
  .option('--dataspace <name>', 'data space for the token exchange')
  .option('--spool <dir>', 'streamer spool (default .orgkit/spool/<connector>-BatteryStatus)')
  .option('--dead-letter <file>', 'where rejected events go (default <spool>/dead-letter.ndjson)');
addOrgAuthOptions(program).addHelpText('after', ORG_AUTH_HELP).action(run);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const coded = err as { code?: string; message?: string };
  process.stderr.write(`Error${coded.code ? ` (${coded.code})` : ''}: ${coded.message ?? String(err)}\n`);
  process.exitCode = 1;
}
