import { createReadStream } from 'node:fs';
import type { TokenProvider } from '../auth/types.js';
import { DataCloudError } from '../errors.js';
import { ingestPaths } from '../http/ingestPaths.js';
import { requireJson } from '../http/responseBody.js';
import { tenantCall, type CallOptions } from '../http/tenantCall.js';

export type BulkJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** The job fields the runner reads; the API returns more (createdById, contentUrl…). */
export interface BulkJob {
  id: string;
  state: BulkJobState;
  object: string;
  sourceName: string;
  operation: 'upsert' | 'delete';
  errorMessage?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
}

function asJob(body: Record<string, unknown>, what: string): BulkJob {
  if (typeof body.id !== 'string' || typeof body.state !== 'string') throw new DataCloudError('REQUEST_FAILED', `${what} answered without a job id and state: check the tenant URL.`);
  return body as unknown as BulkJob;
}

/** The bulk job endpoints, each retried on 429/5xx/network failures. */
export function bulkApi(tokens: TokenProvider, options: CallOptions = {}) {
  return {
    async create(connector: string, object: string, operation: 'upsert' | 'delete'): Promise<BulkJob> {
      const what = `Creating a bulk ${operation} job for ${connector}/${object}`;
      const res = await tenantCall(tokens, what, { method: 'POST', path: ingestPaths.jobs, body: JSON.stringify({ object, sourceName: connector, operation }), contentType: 'application/json' }, [200, 201], options);
      return asJob(requireJson(res, what), what);
    },
    /** One CSV part, streamed from its file (re-read on each retry). */
    async upload(jobId: string, file: string, bytes: number): Promise<void> {
      await tenantCall(
        tokens,
        `Uploading a ${bytes}-byte CSV part to bulk job ${jobId}`,
        { method: 'PUT', path: ingestPaths.jobBatches(jobId), contentType: 'text/csv', body: () => ({ stream: createReadStream(file), length: bytes }) },
        [200, 201, 202],
        options,
      );
    },
    async setState(jobId: string, state: 'UploadComplete' | 'Aborted'): Promise<BulkJob> {
      const what = `Setting bulk job ${jobId} to ${state}`;
      const res = await tenantCall(tokens, what, { method: 'PATCH', path: ingestPaths.job(jobId), body: JSON.stringify({ state }), contentType: 'application/json' }, [200], options);
      return asJob(requireJson(res, what), what);
    },
    async get(jobId: string): Promise<BulkJob> {
      const what = `Reading bulk job ${jobId}`;
      const res = await tenantCall(tokens, what, { method: 'GET', path: ingestPaths.job(jobId) }, [200], options);
      return asJob(requireJson(res, what), what);
    },
  };
}
