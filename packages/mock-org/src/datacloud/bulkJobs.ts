import { randomUUID } from 'node:crypto';
import { coerceTextValue } from '@orgkit/datacloud-schema';
import { parse } from 'csv-parse/sync';
import type { Stream } from './connectors.js';
import type { TenantState } from './tenantState.js';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** A bulk job as the API returns it; the two counters and errorMessage are the mock's additions. */
export interface BulkJob {
  id: string;
  operation: 'upsert' | 'delete';
  object: string;
  sourceName: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  contentType: 'CSV';
  apiVersion: 'v1';
  contentUrl: string;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  errorMessage?: string;
}

interface JobEntry {
  job: BulkJob;
  stream: Stream;
  files: Buffer[];
}

/** The first problems of a failed job, enough to fix the file without drowning the message. */
const MAX_REPORTED = 5;

interface ParsedFile {
  /** Upsert: a record per row; delete: a key per row. */
  rows: unknown[];
  problems: string[];
}

function parseCsv(file: Buffer, fileNo: number): { records: { record: string[]; line: number }[] } | { error: string } {
  try {
    const parsed = parse(file, { bom: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: parsed.map((p) => ({ record: p.record, line: p.info.lines })) };
  } catch (err) {
    return { error: `file ${fileNo}: not RFC 4180 CSV (${(err as Error).message})` };
  }
}

/** Upsert files: a header row of schema field names, then typed cells ('' = blank). */
function readUpsertFile(stream: Stream, file: Buffer, fileNo: number): ParsedFile {
  const csv = parseCsv(file, fileNo);
  if ('error' in csv) return { rows: [], problems: [csv.error] };
  const [header, ...body] = csv.records;
  if (!header) return { rows: [], problems: [`file ${fileNo}: empty; it needs a header row of the schema's field names`] };
  const fields = header.record.map((name) => stream.schemaObject.field(name));
  const unknown = header.record.filter((_, i) => !fields[i]);
  const missing = stream.fields.filter((f) => !header.record.includes(f.name)).map((f) => f.name);
  if (unknown.length > 0 || missing.length > 0 || new Set(header.record).size !== header.record.length) {
    const parts = [unknown.length > 0 ? `unknown columns ${unknown.join(', ')}` : '', missing.length > 0 ? `missing columns ${missing.join(', ')}` : '', new Set(header.record).size !== header.record.length ? 'a column named twice' : ''].filter(Boolean);
    return { rows: [], problems: [`file ${fileNo}: the header must be the schema's field names (${parts.join('; ')})`] };
  }
  const keyIndex = header.record.indexOf(stream.primaryKey.name);
  const rows: Record<string, unknown>[] = [];
  const problems: string[] = [];
  for (const { record, line } of body) {
    const values: unknown[] = [];
    let problem: string | undefined;
    for (let i = 0; i < fields.length && problem === undefined; i++) {
      const coerced = coerceTextValue(fields[i]!, record[i] ?? '');
      if ('error' in coerced) problem = `file ${fileNo}, line ${line}, field ${fields[i]!.name}: ${coerced.error}`;
      else values.push(coerced.value);
    }
    if (problem === undefined && (values[keyIndex] === null || values[keyIndex] === '')) problem = `file ${fileNo}, line ${line}, field ${stream.primaryKey.name}: the primary key cannot be blank`;
    if (problem === undefined) rows.push(Object.fromEntries(header.record.map((name, i) => [name, values[i]])));
    else problems.push(problem);
  }
  return { rows, problems };
}

/** Delete files: no header (one naming the key is skipped), the primary key first on each row. */
function readDeleteFile(stream: Stream, file: Buffer, fileNo: number): ParsedFile {
  const csv = parseCsv(file, fileNo);
  if ('error' in csv) return { rows: [], problems: [csv.error] };
  const records = csv.records[0]?.record[0] === stream.primaryKey.name ? csv.records.slice(1) : csv.records;
  const rows: unknown[] = [];
  const problems: string[] = [];
  for (const { record, line } of records) {
    const coerced = coerceTextValue(stream.primaryKey, record[0] ?? '');
    if ('error' in coerced) problems.push(`file ${fileNo}, line ${line}: ${coerced.error}`);
    else if (coerced.value === null || coerced.value === '') problems.push(`file ${fileNo}, line ${line}: the primary key is blank`);
    else rows.push(coerced.value);
  }
  return { rows, problems };
}

export interface BulkJobStore {
  create(stream: Stream, operation: BulkJob['operation'], createdById: string): BulkJob;
  get(id: string): JobEntry | undefined;
  list(): BulkJob[];
  upload(entry: JobEntry, file: Buffer): void;
  setState(entry: JobEntry, state: 'UploadComplete' | 'Aborted'): void;
  remove(id: string): void;
}

/**
 * Bulk jobs in memory. After UploadComplete a job goes InProgress, then JobComplete with every
 * row landed, or Failed with nothing landed and an errorMessage naming the first bad rows (the
 * mock's choice: a partial load would hide the broken file). Each step waits processingDelayMs.
 */
export function createBulkJobStore(tenant: TenantState): BulkJobStore {
  const jobs = new Map<string, JobEntry>();
  const touch = (job: BulkJob, state: JobState): void => {
    job.state = state;
    job.systemModstamp = tenant.now().toISOString();
  };

  function run(entry: JobEntry): void {
    const { job, stream } = entry;
    if (jobs.get(job.id) !== entry || job.state !== 'InProgress') return;
    const read = job.operation === 'upsert' ? readUpsertFile : readDeleteFile;
    const parsed = entry.files.map((file, i) => read(stream, file, i + 1));
    entry.files = [];
    const rows = parsed.flatMap((p) => p.rows);
    const problems = parsed.flatMap((p) => p.problems);
    job.numberRecordsProcessed = rows.length + problems.length;
    if (problems.length > 0) {
      job.numberRecordsFailed = problems.length;
      job.errorMessage = `${problems.length} problem(s); nothing was loaded. ${problems.slice(0, MAX_REPORTED).join('. ')}${problems.length > MAX_REPORTED ? '. …' : ''}`;
      touch(job, 'Failed');
      return;
    }
    try {
      if (job.operation === 'upsert') tenant.dlo.upsert(stream, rows as Record<string, unknown>[]);
      else tenant.dlo.deleteByKeys(stream, rows);
      touch(job, 'JobComplete');
    } catch (err) {
      job.errorMessage = `The rows could not be stored: ${(err as Error).message}`;
      touch(job, 'Failed');
    }
  }

  return {
    create(stream, operation, createdById) {
      const id = randomUUID();
      const time = tenant.now().toISOString();
      const job: BulkJob = {
        id, operation, object: stream.object, sourceName: stream.connector, createdById, createdDate: time, systemModstamp: time,
        state: 'Open', contentType: 'CSV', apiVersion: 'v1', contentUrl: `api/v1/ingest/jobs/${id}/batches`, numberRecordsProcessed: 0, numberRecordsFailed: 0,
      };
      jobs.set(id, { job, stream, files: [] });
      return job;
    },
    get: (id) => jobs.get(id),
    list: () => [...jobs.values()].map((e) => e.job),
    upload(entry, file) {
      entry.files.push(file);
      entry.job.systemModstamp = tenant.now().toISOString();
    },
    setState(entry, state) {
      touch(entry.job, state);
      if (state === 'Aborted') entry.files = [];
      else {
        tenant.landing.schedule(() => {
          if (jobs.get(entry.job.id) !== entry || entry.job.state !== 'UploadComplete') return;
          touch(entry.job, 'InProgress');
          tenant.landing.schedule(() => run(entry), { deferred: true });
        }, { deferred: true });
      }
    },
    remove: (id) => void jobs.delete(id),
  };
}
