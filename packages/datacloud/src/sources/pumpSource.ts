import type { RecordSink, RecordSource } from './types.js';

export interface PumpResult {
  /** Records handed to the streamer (it may still dead-letter invalid ones). */
  records: number;
  /** Input that never became a record, dead-lettered as MALFORMED_INPUT. */
  malformed: number;
  /** True when the signal stopped the reading before the source ended. */
  stopped: boolean;
}

/**
 * Moves a source into a streamer: problems are dead-lettered, records sent with their locations, and
 * only then — once they are in the spool — the source commits its checkpoint (at-least-once).
 * An aborted signal stops the reading between batches.
 */
export async function pumpSource(source: RecordSource, sink: RecordSink, options: { signal?: AbortSignal } = {}): Promise<PumpResult> {
  const result: PumpResult = { records: 0, malformed: 0, stopped: false };
  try {
    for await (const batch of source.batches()) {
      if (batch.problems.length > 0) {
        await sink.deadLetter(batch.problems.map((p) => ({ code: 'MALFORMED_INPUT' as const, reason: p.reason, source: p.source, raw: p.raw })));
        result.malformed += batch.problems.length;
      }
      if (batch.records.length > 0) {
        await sink.send(
          batch.records.map((r) => r.value),
          { sources: batch.records.map((r) => r.source) },
        );
        result.records += batch.records.length;
      }
      if (batch.checkpoint !== undefined && source.commit) await source.commit(batch.checkpoint);
      if (options.signal?.aborted) {
        result.stopped = true;
        break;
      }
    }
  } finally {
    await source.close?.();
  }
  return result;
}
