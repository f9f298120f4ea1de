// The streamer side of the benchmark, alone in its process so its peak RSS is the streamer's:
// streams an NDJSON file through createStreamer + the NDJSON source and prints a JSON summary.
// Args: <ndjson file> <work dir>; env BENCH_LOGIN_URL, BENCH_CLIENT_ID, BENCH_CLIENT_SECRET.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConnectorSchema } from '@orgkit/datacloud-schema';
import { createStreamer, openNdjsonSource, pumpSource } from '../dist/index.js';
import { CONNECTOR, OBJECT } from './batteryEvents.mjs';

const [file, workDir] = process.argv.slice(2);
const schema = loadConnectorSchema(fileURLToPath(new URL('battery-status.yaml', import.meta.url)));
const auth = { core: { kind: 'client-credentials', loginUrl: process.env.BENCH_LOGIN_URL, clientId: process.env.BENCH_CLIENT_ID, clientSecret: process.env.BENCH_CLIENT_SECRET } };

let peakPending = 0;
const started = process.hrtime.bigint();
const streamer = await createStreamer({ auth, connector: CONNECTOR, object: OBJECT, schema, spoolDir: join(workDir, 'spool'), deadLetterFile: join(workDir, 'dead-letter.ndjson') });
streamer.on('progress', (m) => {
  peakPending = Math.max(peakPending, m.pending);
});
const pumped = await pumpSource(openNdjsonSource(file), streamer);
const readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const summary = await streamer.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    records: pumped.records,
    malformed: pumped.malformed,
    seconds,
    readSeconds,
    summary,
    peakPending,
    maxRssMB: Math.round(usage.maxRSS / 1024),
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  }),
);
