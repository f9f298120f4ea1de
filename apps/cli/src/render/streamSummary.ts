import type { StreamMetrics } from '@orgkit/datacloud';

const count = (n: number): string => n.toLocaleString('en-US');

export interface StreamOutcome {
  connector: string;
  object: string;
  input: string;
  validateOnly: boolean;
  /** Records read from the input this run. */
  read: number;
  /** Input lines/rows that never became records. */
  malformed: number;
  metrics: StreamMetrics;
  durationMs: number;
  deadLetterFile: string;
  spoolDir: string;
  /** Set when the run stopped early (Ctrl-C, failure): events still in the spool. */
  leftInSpool?: number;
}

/** The plain summary printed at the end of `orgkit datacloud stream`. */
export function renderStreamSummary(o: StreamOutcome): string {
  const m = o.metrics;
  const verb = o.validateOnly ? 'Validated' : 'Streamed';
  const lines = [
    `${verb} ${o.input} into ${o.connector}/${o.object} in ${(o.durationMs / 1000).toFixed(1)} s`,
    `  ${count(o.read)} records read${o.malformed > 0 ? `, ${count(o.malformed)} malformed` : ''}` +
      `${m.recovered > 0 ? `, ${count(m.recovered)} resent from an earlier run's spool` : ''}`,
    `  ${count(m.accepted)} ${o.validateOnly ? 'valid' : 'accepted'} · ${count(m.deadLettered)} dead-lettered · ` +
      `${count(m.requests)} request${m.requests === 1 ? '' : 's'} (${count(m.retried)} retried) · ${count(Math.round(m.bytesSent / 1024))} KB sent`,
  ];
  if (m.deadLettered > 0) lines.push(`  Dead-lettered records and why: ${o.deadLetterFile}`);
  if (o.leftInSpool !== undefined) {
    const what = o.leftInSpool > 0 ? 'send them and resume reading' : 'resume reading';
    lines.push(`  ${count(o.leftInSpool)} events stay in the spool ${o.spoolDir}; run the same command again to ${what}.`);
  }
  return lines.join('\n');
}
