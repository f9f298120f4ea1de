import { DataCloudError } from '../errors.js';
import { retryPolicy, type RetryPolicy } from '../http/retry.js';
import type { StreamerOptions } from './types.js';

export interface ResolvedStreamerOptions {
  maxRequestBytes: number;
  lingerMs: number;
  concurrency: number;
  requestsPerSecond: number;
  maxPendingBytes: number;
  retry: RetryPolicy;
  validateOnly: boolean;
  spoolFsync: boolean;
}

/** The streamer's defaults, in one place. */
export const STREAMER_DEFAULTS = {
  maxRequestBytes: 200 * 1024,
  lingerMs: 500,
  concurrency: 4,
  requestsPerSecond: 250,
  maxPendingBytes: 2 * 1024 * 1024,
} as const;

function positive(name: string, value: number, min: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new DataCloudError('INVALID_OPTIONS', `${name} must be ${integer ? 'an integer' : 'a number'} of at least ${min}; got ${String(value)}.`);
  }
  return value;
}

export function resolveStreamerOptions(options: StreamerOptions): ResolvedStreamerOptions {
  const retry = retryPolicy(options.retry);
  positive('retry.maxAttempts', retry.maxAttempts, 1, true);
  positive('retry.baseDelayMs', retry.baseDelayMs, 0, false);
  positive('retry.maxDelayMs', retry.maxDelayMs, 0, false);
  return {
    maxRequestBytes: positive('maxRequestBytes', options.maxRequestBytes ?? STREAMER_DEFAULTS.maxRequestBytes, 64, true),
    lingerMs: positive('lingerMs', options.lingerMs ?? STREAMER_DEFAULTS.lingerMs, 0, false),
    concurrency: positive('concurrency', options.concurrency ?? STREAMER_DEFAULTS.concurrency, 1, true),
    requestsPerSecond: positive('requestsPerSecond', options.requestsPerSecond ?? STREAMER_DEFAULTS.requestsPerSecond, 0.001, false),
    maxPendingBytes: positive('maxPendingBytes', options.maxPendingBytes ?? STREAMER_DEFAULTS.maxPendingBytes, 1, false),
    retry,
    validateOnly: options.validateOnly === true,
    spoolFsync: options.spoolFsync !== false,
  };
}
