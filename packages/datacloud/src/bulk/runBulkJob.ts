import { createRecordValidator, formatTextValue, type ConnectorSchema, type SchemaObject } from '@orgkit/datacloud-schema';
import { toTokenProvider } from '../auth/tokenProvider.js';
import type { DataCloudAuthOptions, TokenProvider } from '../auth/types.js';
import { DataCloudError } from '../errors.js';
import type { CallOptions } from '../http/tenantCall.js';
import { sleep } from '../http/retry.js';
import { primaryKeyField } from '../primaryKey.js';
import { openDeadLetterFile, type DeadLetterFile } from '../stream/deadLetterFile.js';
import type { DeadLetterEntry } from '../stream/types.js';
import { bulkApi, type BulkJob, type BulkJobState } from './bulkApi.js';
import { createCsvPartWriter } from './csvParts.js';
import { inputBatches, type BulkInput } from './recordSource.js';

/** Data Cloud's documented caps: 150 MB a file, 100 files a job. */
export const BULK_DEFAULTS = { partBytes: 150 * 1024 * 1024, maxParts: 100, pollIntervalMs: 2000, timeoutMs: 60 * 60 * 1000 } as const;

export interface BulkJobOptions extends CallOptions {
  auth: DataCloudAuthOptions | TokenProvider;
  connector: string;
  object: string;
  schema: ConnectorSchema;
  operation: 'upsert' | 'delete';
  /** Records (upsert), or primary key values or records holding them (delete). */
  source: BulkInput;
  /** Invalid input is appended here; without it the first invalid record stops the run. */
  deadLetterFile?: string;
  /** Delete only: the data stream's primary key field (default: the first field named id or ending in Id/_id). */
  primaryKey?: string;
  /** Largest CSV part (default 150 MiB). */
  partBytes?: number;
  pollIntervalMs?: number;
  /** Give up waiting for JobComplete after this long (default 1 hour; the job keeps running). */
  timeoutMs?: number;
  /** Where the CSV parts are written before upload (default the OS temp folder). */
  tempDir?: string;
  onProgress?: (progress: BulkProgress) => void;
}

export interface BulkProgress {
  phase: 'uploading' | 'processing';
  records: number;
  parts: number;
  deadLettered: number;
  state?: BulkJobState;
}

export interface BulkJobSummary {
  /** Absent when no valid record was found (no job is created for nothing). */
  jobId?: string;
  state: 'JobComplete' | 'NoRecords';
  operation: 'upsert' | 'delete';
  records: number;
  parts: number;
  deadLettered: number;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  durationMs: number;
}

type RowResult = { cells: string[] } | { problem: string };

/** The CSV row for a record: schema field names in order for upsert, the primary key alone for delete. */
function rowMaker(object: SchemaObject, operation: 'upsert' | 'delete', primaryKey?: string): (value: unknown) => RowResult {
  if (operation === 'upsert') {
    const validate = createRecordValidator(object);
    return (value) => {
      const problem = validate(value);
      if (problem !== undefined) return { problem };
      const record = value as Record<string, unknown>;
      return { cells: object.fields.map((f) => formatTextValue(f, record[f.name])) };
    };
  }
  const key = primaryKeyField(object, primaryKey);
  return (value) => {
    const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : value;
    if ((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id))) return { cells: [String(id)] };
    return { problem: `A delete needs the primary key ${key} as a non-empty string or number.` };
  };
}

/**
 * A bulk backfill: CSV parts (RFC 4180, header of schema field names; delete: no header, the
 * primary key column) uploaded to one job, UploadComplete, then polled to JobComplete. Any
 * failure before UploadComplete aborts the job, which deletes what was uploaded.
 */
export async function runBulkJob(options: BulkJobOptions): Promise<BulkJobSummary> {
  const started = Date.now();
  const object = options.schema.object(options.object);
  if (!object) throw new DataCloudError('UNKNOWN_OBJECT', `The connector schema has no object "${options.object}" (it has: ${options.schema.objects.map((o) => o.name).join(', ')}): pass one of those as the object.`);
  const partBytes = options.partBytes ?? BULK_DEFAULTS.partBytes;
  const makeRow = rowMaker(object, options.operation, options.primaryKey);
  const api = bulkApi(toTokenProvider(options.auth), options);
  const deadLetters: DeadLetterFile | undefined = options.deadLetterFile ? openDeadLetterFile(options.deadLetterFile) : undefined;
  let job: BulkJob | undefined;
  let uploadComplete = false;
  const progress = { records: 0, parts: 0, deadLettered: 0 };

  const setAside = async (entries: DeadLetterEntry[]): Promise<void> => {
    if (entries.length === 0) return;
    if (!deadLetters) {
      const first = entries[0]!;
      throw new DataCloudError('INVALID_INPUT', `${first.source ? `${first.source}: ` : ''}${first.reason} Fix the input, or pass a dead-letter file to set invalid records aside and load the rest.`);
    }
    await deadLetters.write(entries);
    progress.deadLettered += entries.length;
  };

  const parts = await createCsvPartWriter({
    ...(options.operation === 'upsert' ? { header: object.fields.map((f) => f.name) } : {}),
    partBytes,
    ...(options.tempDir ? { tempDir: options.tempDir } : {}),
    async onPart(part) {
      job ??= await api.create(options.connector, options.object, options.operation);
      if (progress.parts >= BULK_DEFAULTS.maxParts) throw new DataCloudError('INVALID_INPUT', `The backfill needs more than ${BULK_DEFAULTS.maxParts} CSV parts, Data Cloud's limit for one job: raise partBytes (up to 150 MB) or split the input into several runs.`);
      await api.upload(job.id, part.file, part.bytes);
      progress.parts++;
      options.onProgress?.({ phase: 'uploading', ...progress });
    },
  });

  try {
    for await (const batch of inputBatches(options.source)) {
      const time = new Date().toISOString();
      const rejected: DeadLetterEntry[] = batch.problems.map((p) => ({ time, code: 'MALFORMED_INPUT', reason: p.reason, source: p.source, raw: p.raw }));
      const rows: string[][] = [];
      for (const record of batch.records) {
        const row = makeRow(record.value);
        if ('problem' in row) rejected.push({ time, code: 'INVALID_RECORD', reason: row.problem, ...(record.source !== undefined ? { source: record.source } : {}), record: record.value });
        else rows.push(row.cells);
      }
      await setAside(rejected);
      for (const cells of rows) await parts.write(cells);
      progress.records += rows.length;
    }
    await parts.end();
    if (!job) return { state: 'NoRecords', operation: options.operation, ...progress, durationMs: Date.now() - started };
    await api.setState(job.id, 'UploadComplete');
    uploadComplete = true;
    const finished = await waitForJob(api, job.id, options, progress);
    return {
      jobId: job.id,
      state: 'JobComplete',
      operation: options.operation,
      ...progress,
      ...(finished.numberRecordsProcessed !== undefined ? { numberRecordsProcessed: finished.numberRecordsProcessed } : {}),
      ...(finished.numberRecordsFailed !== undefined ? { numberRecordsFailed: finished.numberRecordsFailed } : {}),
      durationMs: Date.now() - started,
    };
  } catch (err) {
    // An open job holds partial data: aborting it deletes what was uploaded.
    if (job && !uploadComplete) await api.setState(job.id, 'Aborted').catch(() => undefined);
    throw err;
  } finally {
    await parts.dispose();
    await deadLetters?.close();
  }
}

async function waitForJob(api: ReturnType<typeof bulkApi>, jobId: string, options: BulkJobOptions, progress: { records: number; parts: number; deadLettered: number }): Promise<BulkJob> {
  const deadline = Date.now() + (options.timeoutMs ?? BULK_DEFAULTS.timeoutMs);
  for (;;) {
    const job = await api.get(jobId);
    options.onProgress?.({ phase: 'processing', ...progress, state: job.state });
    if (job.state === 'JobComplete') return job;
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new DataCloudError('BULK_JOB_FAILED', `Bulk job ${jobId} ended ${job.state}${job.errorMessage ? `: ${job.errorMessage}` : ''}. Check the CSV against the connector schema and the data stream, then run again.`);
    }
    if (Date.now() >= deadline) throw new DataCloudError('BULK_JOB_FAILED', `Bulk job ${jobId} is still ${job.state} after ${Math.round((options.timeoutMs ?? BULK_DEFAULTS.timeoutMs) / 1000)} s; it keeps running in Data Cloud: check it later with GET /api/v1/ingest/jobs/${jobId}.`);
    await sleep(options.pollIntervalMs ?? BULK_DEFAULTS.pollIntervalMs, options.signal);
  }
}
