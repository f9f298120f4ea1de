import { faultErrorNames } from './faultErrors.js';
import type { FaultConfig, FaultRule } from './types.js';

/** A fault configuration that cannot be used; the message names the bad field. */
export class FaultConfigError extends Error {
  readonly code = 'INVALID_FAULTS';
  constructor(message: string) {
    super(message);
    this.name = 'FaultConfigError';
  }
}

const ruleKeys = new Set(['match', 'latencyMs', 'errorRate', 'error', 'retryAfterSeconds', 'dropRate', 'expireTokenRate', 'times']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isMs = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function checkRate(rule: Record<string, unknown>, key: string, at: string): void {
  const value = rule[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new FaultConfigError(`${at}.${key} must be a number from 0 to 1.`);
}

function checkRule(value: unknown, at: string): FaultRule {
  if (!isObject(value)) throw new FaultConfigError(`${at} must be an object.`);
  // Unknown keys are refused so that a misspelt rate cannot silently do nothing.
  for (const key of Object.keys(value)) if (!ruleKeys.has(key)) throw new FaultConfigError(`${at}.${key} is not a fault rule field (${[...ruleKeys].join(', ')}).`);
  const { match } = value;
  if (!isObject(match)) throw new FaultConfigError(`${at}.match must be an object with a path.`);
  if (typeof match.path !== 'string' || !match.path.startsWith('/')) throw new FaultConfigError(`${at}.match.path must be a string starting with /.`);
  if (match.method !== undefined && (typeof match.method !== 'string' || !/^[A-Za-z]+$/.test(match.method))) throw new FaultConfigError(`${at}.match.method must be an HTTP method name.`);
  for (const key of Object.keys(match)) if (key !== 'path' && key !== 'method') throw new FaultConfigError(`${at}.match.${key} is not a match field (method, path).`);
  const { latencyMs } = value;
  if (latencyMs !== undefined && !isMs(latencyMs)) {
    if (!isObject(latencyMs) || !isMs(latencyMs.min) || !isMs(latencyMs.max) || latencyMs.min > latencyMs.max) throw new FaultConfigError(`${at}.latencyMs must be milliseconds ≥ 0 or { min, max } with 0 ≤ min ≤ max.`);
  }
  for (const key of ['errorRate', 'dropRate', 'expireTokenRate']) checkRate(value, key, at);
  if (value.error !== undefined && !faultErrorNames.includes(value.error as never)) throw new FaultConfigError(`${at}.error must be one of ${faultErrorNames.join(', ')}.`);
  if (value.errorRate !== undefined && value.error === undefined) throw new FaultConfigError(`${at}.errorRate needs an error (${faultErrorNames.join(', ')}).`);
  if (value.retryAfterSeconds !== undefined && (!Number.isInteger(value.retryAfterSeconds) || (value.retryAfterSeconds as number) < 0)) throw new FaultConfigError(`${at}.retryAfterSeconds must be a whole number ≥ 0.`);
  if (value.retryAfterSeconds !== undefined && value.error === undefined) throw new FaultConfigError(`${at}.retryAfterSeconds needs an error.`);
  if (value.times !== undefined && (!Number.isInteger(value.times) || (value.times as number) < 0)) throw new FaultConfigError(`${at}.times must be a whole number ≥ 0.`);
  return value as unknown as FaultRule;
}

/** Checks a configuration from code or from the admin endpoint: `{ seed?, rules }` or a bare rule array. */
export function parseFaultConfig(value: unknown): FaultConfig {
  const config = Array.isArray(value) ? { rules: value } : value;
  if (!isObject(config)) throw new FaultConfigError('Faults must be { seed?, rules: [...] }.');
  for (const key of Object.keys(config)) if (key !== 'seed' && key !== 'rules') throw new FaultConfigError(`${key} is not a faults field (seed, rules).`);
  const { seed, rules } = config;
  if (seed !== undefined && (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 0xffffffff)) throw new FaultConfigError('seed must be a whole number from 0 to 4294967295.');
  if (!Array.isArray(rules)) throw new FaultConfigError('rules must be an array of fault rules.');
  // A copy, so that a caller changing its objects later does not change the running rules.
  const checked = (structuredClone(rules) as unknown[]).map((rule, i) => checkRule(rule, `rules[${i}]`));
  return seed === undefined ? { rules: checked } : { seed: seed as number, rules: checked };
}
