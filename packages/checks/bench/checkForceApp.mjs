// Times `orgkit check` on the repo's force-app: each check and the whole run, over several runs.
// Prints JSON. Run with `npm run bench` (after `npm run build`).
import { fileURLToPath } from 'node:url';
import { listSourceFiles } from '../dist/projectFiles.js';
import { resolveCheckContext, runChecks } from '../dist/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ctx = resolveCheckContext({ cwd: repoRoot });
const files = (await listSourceFiles(ctx.sourceDir)).length;
const totals = [];
const perCheck = {};
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const report = await runChecks(ctx);
  totals.push(performance.now() - started);
  if (!report.ok) throw new Error(`force-app did not pass: ${report.errors} errors`);
  for (const check of report.checks) (perCheck[check.name] ??= []).push(check.durationMs);
}

const result = {
  benchmark: 'orgkit check on force-app',
  node: process.version,
  runs: RUNS,
  files,
  wallMs: { median: Math.round(median(totals)), min: Math.round(Math.min(...totals)) },
  checksMs: Object.fromEntries(
    Object.entries(perCheck).map(([name, ms]) => [name, { median: median(ms), min: Math.min(...ms) }]),
  ),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
