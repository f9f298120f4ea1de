import type { RecordSource, SourceBatch } from '../sources/types.js';

/** Records for a bulk job: a RecordSource (files, stdin), or any (async) iterable of plain records. */
export type BulkInput = RecordSource | Iterable<unknown> | AsyncIterable<unknown>;

/** The part of a batch the bulk runner reads; plain records have no source location. */
export type BulkBatch = Pick<SourceBatch, 'problems'> & { records: { value: unknown; source?: string }[] };

const isRecordSource = (input: BulkInput): input is RecordSource => typeof (input as RecordSource).batches === 'function';

/** Walks any bulk input as batches of records and problems. */
export async function* inputBatches(input: BulkInput, batchSize = 1000): AsyncIterable<BulkBatch> {
  if (isRecordSource(input)) {
    yield* input.batches();
    return;
  }
  let records: BulkBatch['records'] = [];
  for await (const value of input as AsyncIterable<unknown>) {
    records.push({ value });
    if (records.length >= batchSize) {
      yield { records, problems: [] };
      records = [];
    }
  }
  if (records.length > 0) yield { records, problems: [] };
}
