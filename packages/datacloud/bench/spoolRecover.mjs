// Checks that recovering a large spool stays memory bounded: writes SPOOL_RECOVER_MB (default 1024)
// of unacked 200-byte events, then a fresh process reopens the spool and streams recovered() to the
// end. Prints JSON with both processes' peak RSS. Run after a build: `node bench/spoolRecover.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSpool } from '../dist/spool/index.js';

const self = fileURLToPath(import.meta.url);
const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (process.argv[2] === 'recover') {
  const started = Date.now();
  const spool = await openSpool({ dir: process.argv[3] });
  const openMs = Date.now() - started;
  let events = 0;
  let chunks = 0;
  for await (const chunk of spool.recovered()) {
    events += chunk.length;
    chunks++;
    spool.ack(chunk.map((e) => e.seq));
  }
  await spool.close();
  console.log(JSON.stringify({ recoveredCount: spool.recoveredCount, events, chunks, openMs, seconds: (Date.now() - started) / 1000, maxRssMB: rssMB() }));
} else {
  const megabytes = Number(process.env.SPOOL_RECOVER_MB ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'spool-recover-'));
  try {
    const spool = await openSpool({ dir, fsync: false });
    const payload = `{"eventId":"E","pad":"${'x'.repeat(200 - 22)}"}`;
    // ~214 bytes a line with its checksum and seq.
    const total = Math.ceil((megabytes * 1024 * 1024) / 214);
    for (let written = 0; written < total; written += 10_000) await spool.append(Array.from({ length: Math.min(10_000, total - written) }, () => payload));
    const { bytesOnDisk, segments } = spool.stats();
    await spool.close();
    const writerRss = rssMB();
    const recovery = JSON.parse(execFileSync(process.execPath, [self, 'recover', dir], { encoding: 'utf8' }));
    console.log(JSON.stringify({ spoolMB: Math.round(bytesOnDisk / 1024 / 1024), segments, events: total, writerMaxRssMB: writerRss, recovery }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
