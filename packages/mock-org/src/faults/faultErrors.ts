import type { RouteResponse } from '../http/types.js';
import type { FaultErrorName } from './types.js';

/** Status and message of each injectable error, worded as Salesforce words them. */
export const faultErrors: Record<FaultErrorName, { status: number; message: string }> = {
  UNKNOWN_EXCEPTION: { status: 500, message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)' },
  SERVER_UNAVAILABLE: { status: 503, message: 'Server is unavailable. Please try again later.' },
  REQUEST_LIMIT_EXCEEDED: { status: 403, message: 'TotalRequests Limit exceeded.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests. Please try again later.' },
};

export const faultErrorNames = Object.keys(faultErrors) as FaultErrorName[];

/** The REST error body `[{"message","errorCode"}]`, with Retry-After when the rule asks for it. */
export function faultErrorResponse(error: FaultErrorName, retryAfterSeconds?: number): RouteResponse {
  const { status, message } = faultErrors[error];
  return {
    status,
    body: [{ message, errorCode: error }],
    ...(retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(retryAfterSeconds) } } : {}),
  };
}
