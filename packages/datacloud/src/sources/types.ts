/** One record read from an input, with where it came from ("file.ndjson:12") for dead-letter entries. */
export interface SourceRecord {
  value: unknown;
  source: string;
}

/** Input that never became a record (a malformed line, a bad CSV cell), with its location and why. */
export interface SourceProblem {
  source: string;
  raw: string;
  reason: string;
}

/** What a source yields at a time; `checkpoint` marks the input consumed once this batch is durable. */
export interface SourceBatch {
  records: SourceRecord[];
  problems: SourceProblem[];
  checkpoint?: unknown;
}

/** How far a file source has read, for a progress bar (totalBytes absent for stdin). */
export interface SourceProgress {
  bytesRead: number;
  totalBytes?: number;
}

/**
 * Anything that yields records: NDJSON/CSV files and stdin today, a Kafka consumer group later.
 * `commit(checkpoint)` is called only after the batch's events are in the streamer's spool, so a
 * Kafka source that commits its offsets there gets at-least-once delivery across machines: a
 * consumer that dies re-reads from the last commit, and the stream's primary key absorbs repeats.
 */
export interface RecordSource {
  /** For messages, e.g. "readings.ndjson (resuming at line 1201)". */
  describe: string;
  batches(): AsyncIterable<SourceBatch>;
  commit?(checkpoint: unknown): Promise<void>;
  close?(): Promise<void>;
  progress?(): SourceProgress;
}

/** Where a source's batches go: the Streamer satisfies it (kept structural so sources don't depend on it). */
export interface RecordSink {
  send(records: readonly unknown[], meta?: { sources?: readonly string[] }): Promise<unknown>;
  deadLetter(entries: readonly { code: 'MALFORMED_INPUT'; reason: string; source?: string; raw?: string }[]): Promise<void>;
}

export interface FileSourceOptions {
  /** Records a batch (default 1000); a batch also ends at 1 MiB of input. */
  batchSize?: number;
  /**
   * Where to keep the read position (JSON). When it names this same, unchanged file, reading resumes
   * after the last committed batch instead of from the start; ignored for stdin.
   */
  checkpointFile?: string;
  /** A line longer than this is reported as a problem and skipped, which keeps memory bounded (default 4 MiB). */
  maxLineBytes?: number;
}
