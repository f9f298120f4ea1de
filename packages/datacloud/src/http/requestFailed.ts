import { DataCloudError } from '../errors.js';
import { apiErrorFields, apiErrorText, type ApiResponse } from './responseBody.js';

const hints: Record<number, string> = {
  400: 'Check the request against the connector schema uploaded to Data Cloud.',
  401: 'The Data Cloud token was refused even after a refresh: check that the user has the cdp_ingest_api scope.',
  403: 'The user lacks permission for the Ingestion API: check the connected app scopes (cdp_ingest_api, api) and the user’s Data Cloud permission set.',
  404: 'Check that the connector and object names match the Ingestion API connector and its schema in Data Cloud, and that a data stream is deployed for the object.',
  409: 'The bulk job is not in a state that allows this; check it with GET /api/v1/ingest/jobs/{id}.',
};

/** An answer the caller can't recover from, as an error naming the request, the API's message and what to check. */
export function requestFailed(what: string, res: ApiResponse): DataCloudError {
  const hint = hints[res.status] ?? 'Check the tenant status and try again.';
  const apiError = apiErrorFields(res);
  return new DataCloudError('REQUEST_FAILED', `${what} failed with HTTP ${res.status}: ${apiErrorText(res)}. ${hint}`, { status: res.status, ...(apiError ? { apiError } : {}) });
}
