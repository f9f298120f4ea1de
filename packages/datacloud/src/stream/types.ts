import type { ConnectorSchema } from '@orgkit/datacloud-schema';
import type { DataCloudAuthOptions, TokenProvider } from '../auth/types.js';
import type { RetryEvent, RetryPolicy } from '../http/retry.js';

export interface StreamerOptions {
  auth: DataCloudAuthOptions | TokenProvider;
  /** The Ingestion API connector (source) name in Data Cloud. */
  connector: string;
  /** The object of the connector's schema that the records are. */
  object: string;
  schema: ConnectorSchema;
  /** Folder of the write-ahead spool; what a crashed run left there is resent first. */
  spoolDir: string;
  /** NDJSON file that records which can't be sent are appended to, with the reason. */
  deadLetterFile: string;
  /** Largest request body (default 200 * 1024, Data Cloud's documented cap). */
  maxRequestBytes?: number;
  /** Longest a partly filled batch waits for more records (default 500). */
  lingerMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Client-side limit across this streamer's requests (default 250, the tenant's documented cap). */
  requestsPerSecond?: number;
  retry?: Partial<RetryPolicy>;
  /** Send to /actions/test instead: Data Cloud checks the records and keeps nothing. */
  validateOnly?: boolean;
  /** send() waits while more than this many bytes are spooled but not yet accepted (default 2 MiB: ten full requests, enough to keep every slot busy). */
  maxPendingBytes?: number;
  /** fsync spool appends (default true; false only where losing acknowledged events on power loss is fine). */
  spoolFsync?: boolean;
}

export type DeadLetterCode = 'INVALID_RECORD' | 'MALFORMED_INPUT' | 'RECORD_TOO_LARGE' | 'REJECTED_BY_API';

export interface DeadLetterEntry {
  time: string;
  code: DeadLetterCode;
  reason: string;
  /** Where the record came from, e.g. "file.ndjson:12". */
  source?: string;
  record?: unknown;
  /** The input text, for input that never became a record. */
  raw?: string;
}

export interface StreamMetrics {
  /** Records given to send(). */
  received: number;
  /** Records written to the spool (valid ones). */
  spooled: number;
  /** Events Data Cloud accepted (202). */
  accepted: number;
  deadLettered: number;
  /** Requests retried (429, 5xx, network errors, 401). */
  retried: number;
  /** HTTP requests sent, retries and bisect halves included. */
  requests: number;
  /** Request body bytes sent. */
  bytesSent: number;
  /** Requests in flight now. */
  inFlight: number;
  /** Events spooled but not yet accepted or dead-lettered. */
  pending: number;
  /** Events a previous run left in the spool, resent by this one. */
  recovered: number;
  /** Accepted events per second since the first record arrived. */
  eventsPerSecond: number;
}

export interface StreamSummary extends StreamMetrics {
  durationMs: number;
  deadLetterFile: string;
}

export interface Streamer {
  /** Validates, dead-letters invalid records, spools the rest; resolves once they are on disk (not yet sent). Waits while too much is pending. */
  send(records: unknown, meta?: { sources?: readonly string[] }): Promise<{ spooled: number; deadLettered: number }>;
  /** Dead-letters input that never became a record (malformed lines); resolves once written. */
  deadLetter(entries: readonly Omit<DeadLetterEntry, 'time'>[]): Promise<void>;
  /** Resolves when every spooled event is accepted or dead-lettered; rejects (RETRIES_EXHAUSTED…) when a batch could not be sent — its events stay in the spool. */
  flush(): Promise<void>;
  /** flush(), then release the spool and the dead-letter file. */
  close(): Promise<StreamSummary>;
  /** Stops now; the spool keeps everything not yet accepted. */
  abort(): Promise<void>;
  metrics(): StreamMetrics;
  on(event: 'progress', listener: (metrics: StreamMetrics) => void): this;
  on(event: 'deadLetter', listener: (entry: DeadLetterEntry) => void): this;
  on(event: 'retry', listener: (retry: RetryEvent) => void): this;
  off(event: 'progress' | 'deadLetter' | 'retry', listener: (...args: never[]) => void): this;
}
