export interface SpoolOptions {
  /** Folder that holds the lock, the event segments and their ack logs; created when missing. */
  dir: string;
  /** A segment is closed and a new one started once it reaches this size (a soft limit: one group commit may overshoot). */
  segmentBytes?: number;
  /** false skips fdatasync (tests and benchmarks of everything but the disk); acknowledged events may then be lost on a power cut. */
  fsync?: boolean;
}

export interface SpooledEvent {
  seq: number;
  /** The record serialized as JSON, one line. */
  payload: string;
}

export interface SpoolStats {
  segments: number;
  bytesOnDisk: number;
  unacked: number;
}

export interface Spool {
  /** Events on disk not yet acknowledged when the spool was opened, oldest first, read in chunks (memory bounded). */
  recovered(): AsyncIterable<SpooledEvent[]>;
  /** How many events recovered() yields (fewer only if a segment was damaged in the middle). */
  readonly recoveredCount: number;
  /** Durable append: resolves after the bytes are written and fsynced (group commit across concurrent calls). */
  append(payloads: readonly string[]): Promise<SpooledEvent[]>;
  /** Accepted or dead-lettered: a segment file is deleted once every event in it is acknowledged. */
  ack(seqs: readonly number[]): void;
  stats(): SpoolStats;
  /** Waits for pending appends, writes the ack logs, deletes finished segments and releases the lock. */
  close(): Promise<void>;
}
