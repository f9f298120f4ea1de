import { STATUS_CODES } from 'node:http';
import { SfApiError } from '../errors.js';
import type { RouteResponse } from '../http/types.js';

/**
 * An error the tenant answers in Data Cloud's shape:
 * `{timestamp, error, message, path, tenantId, internalErrorCode}` plus `extra` fields (validationReport).
 */
export class DataCloudApiError extends Error {
  constructor(
    readonly status: number,
    readonly internalErrorCode: string,
    message: string,
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DataCloudApiError';
  }
}

/** A tenant configuration mistake (stream, primary key, DLO name); `code` is INVALID_DATACLOUD_CONFIG. */
export class DataCloudConfigError extends Error {
  readonly code = 'INVALID_DATACLOUD_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'DataCloudConfigError';
  }
}

/** `mockOrg.dataCloud.query` refused the SQL (it writes, or does not compile); `code` is INVALID_QUERY. */
export class DataCloudQueryError extends Error {
  readonly code = 'INVALID_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'DataCloudQueryError';
  }
}

export const badRequest = (message: string, extra?: Record<string, unknown>): DataCloudApiError =>
  new DataCloudApiError(400, 'COMMON_ERROR_GENERIC', `Bad Request: ${message}`, extra);

export const notFoundError = (message: string): DataCloudApiError => new DataCloudApiError(404, 'COMMON_ERROR_NOT_FOUND', message);

export const conflict = (message: string): DataCloudApiError => new DataCloudApiError(409, 'COMMON_ERROR_CONFLICT', message);

export const payloadTooLarge = (size: number, limit: number): DataCloudApiError =>
  new DataCloudApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is ${size} bytes; the limit is ${limit}. Send smaller batches.`);

/** The router's own errors, renamed where Data Cloud words them differently. */
function fromSfApiError(err: SfApiError): DataCloudApiError {
  if (err.status === 401) return new DataCloudApiError(401, 'COMMON_ERROR_UNAUTHORIZED', 'JWT invalid or expired. Refresh the token.');
  return new DataCloudApiError(err.status, err.errorCode, err.message);
}

/** Renders anything thrown while serving a tenant request; unknown errors become 500 without their stack. */
export function createTenantErrorRenderer(tenantId: string): (err: unknown, path: string) => RouteResponse {
  return (err, path) => {
    const apiError =
      err instanceof DataCloudApiError ? err
      : err instanceof SfApiError ? fromSfApiError(err)
      : new DataCloudApiError(500, 'COMMON_ERROR_GENERIC', `Internal error: ${err instanceof Error ? err.message : String(err)}`);
    return {
      status: apiError.status,
      body: {
        timestamp: new Date().toISOString(),
        error: STATUS_CODES[apiError.status] ?? 'Error',
        message: apiError.message,
        path: `uri=${path}`,
        tenantId,
        internalErrorCode: apiError.internalErrorCode,
        ...apiError.extra,
      },
      ...(apiError.headers ? { headers: apiError.headers } : {}),
    };
  };
}
