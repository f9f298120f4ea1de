/** One record and where it came from ("file.ndjson:12"). */
export interface SourcedRecord {
  value: unknown;
  source?: string;
}

/** Input the source could not turn into a record (a malformed line). */
export interface SourcedProblem {
  source: string;
  raw: string;
  reason: string;
}

/** The shape of a RecordSource (src/sources) the bulk runner reads: batches of records and problems. */
export interface BatchedRecordSource {
  batches(): AsyncIterable<{ records: readonly SourcedRecord[]; problems: readonly SourcedProblem[] }>;
}

/** Records for a bulk job: a RecordSource, or any (async) iterable of plain records. */
export type BulkInput = BatchedRecordSource | Iterable<unknown> | AsyncIterable<unknown>;

const isBatched = (input: BulkInput): input is BatchedRecordSource => typeof (input as BatchedRecordSource).batches === 'function';

/** Walks any bulk input as batches of sourced records. */
export async function* inputBatches(input: BulkInput, batchSize = 1000): AsyncIterable<{ records: readonly SourcedRecord[]; problems: readonly SourcedProblem[] }> {
  if (isBatched(input)) {
    yield* input.batches();
    return;
  }
  let records: SourcedRecord[] = [];
  for await (const value of input as AsyncIterable<unknown>) {
    records.push({ value });
    if (records.length >= batchSize) {
      yield { records, problems: [] };
      records = [];
    }
  }
  if (records.length > 0) yield { records, problems: [] };
}
