import path from 'node:path';
import { openCsvSource, openNdjsonSource, runBulkJob, type BulkJobSummary } from '@orgkit/datacloud';
import { printJson } from '../output.js';
import { createProgressLine } from '../render/streamProgress.js';
import { DATACLOUD_EXIT } from './datacloudExitCodes.js';
import type { StreamContext } from './datacloudStream.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** --mode bulk: one CSV bulk upsert job (for backfills); invalid records are dead-lettered, not uploaded. */
export async function runBulkUpload({ auth, flags, schema, object, format, json, spoolDir }: StreamContext): Promise<number> {
  const deadLetterFile = path.resolve(flags.deadLetter ?? path.join(spoolDir, 'dead-letter.ndjson'));
  const source = format === 'csv' ? openCsvSource(flags.file, object) : openNdjsonSource(flags.file);
  const progress = createProgressLine();
  const summary: BulkJobSummary = await runBulkJob({
    auth,
    connector: flags.connector,
    object: flags.object,
    schema,
    operation: 'upsert',
    source,
    deadLetterFile,
    onProgress: (p) => progress.update(`bulk job ${p.phase}${p.state ? ` (${p.state})` : ''} · ${count(p.records)} records in ${p.parts} part(s) · ${count(p.deadLettered)} dead-lettered`),
  });
  progress.clear();
  const status = summary.deadLettered > 0 ? DATACLOUD_EXIT.SOME_DEAD_LETTERED : DATACLOUD_EXIT.ALL_ACCEPTED;
  if (json) {
    printJson(status, { connector: flags.connector, object: flags.object, input: source.describe, mode: 'bulk', deadLetterFile, ...summary });
    return status;
  }
  const lines = [
    `Bulk-loaded ${source.describe} into ${flags.connector}/${flags.object} in ${(summary.durationMs / 1000).toFixed(1)} s`,
    summary.jobId
      ? `  job ${summary.jobId} ${summary.state}: ${count(summary.records)} records in ${summary.parts} CSV part(s) · ${count(summary.deadLettered)} dead-lettered`
      : `  no valid records: no job created · ${count(summary.deadLettered)} dead-lettered`,
  ];
  if (summary.deadLettered > 0) lines.push(`  Dead-lettered records and why: ${deadLetterFile}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return status;
}
