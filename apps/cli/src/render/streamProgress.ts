import type { StreamMetrics } from '@orgkit/datacloud';
import type { SourceProgress } from '@orgkit/datacloud';

const WIDTH = 24;
const count = (n: number): string => n.toLocaleString('en-US');

/** One progress line: a bar of the input read (when its size is known) and the delivery counters. */
export function renderProgressLine(metrics: StreamMetrics, input?: SourceProgress): string {
  const fraction = input?.totalBytes ? Math.min(1, input.bytesRead / input.totalBytes) : undefined;
  const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.')}] ${Math.floor(fraction * 100)}% `;
  return (
    `${bar}${count(Math.round(metrics.eventsPerSecond))} events/s · ${count(metrics.accepted)} accepted · ` +
    `${count(metrics.retried)} retried · ${count(metrics.deadLettered)} dead-lettered · ${count(metrics.pending)} pending`
  );
}

/** Redraws the progress line in place on a terminal; does nothing when stderr is a file or pipe. */
export function createProgressLine(stream: NodeJS.WriteStream = process.stderr) {
  const live = Boolean(stream.isTTY);
  let drawn = false;
  return {
    update(line: string): void {
      if (!live) return;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
      drawn = true;
    },
    /** Removes the line so the summary starts on a clean row. */
    clear(): void {
      if (live && drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
