const NAME = /^[A-Za-z0-9_-]+$/;
const MAX_NAME_LENGTH = 80;

/** Field names Data Cloud keeps for itself. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(['date_id', 'location_id', 'dat_account_currency', 'dat_exchange_rate', 'pacing_period', 'pacing_end_date', 'row_count', 'version']);

/** Why Data Cloud refuses an object or field name, or undefined when it accepts it. */
export function nameProblem(kind: 'object' | 'field', name: string): string | undefined {
  if (name.length === 0) return `the ${kind} name is empty`;
  if (name.length > MAX_NAME_LENGTH) return `${kind} name "${name}" is ${name.length} characters; Data Cloud allows at most ${MAX_NAME_LENGTH}`;
  if (!NAME.test(name)) return `${kind} name "${name}" may only contain a-z, A-Z, 0-9, _ and -`;
  if (name.includes('__')) return `${kind} name "${name}" contains "__", which Data Cloud reserves for its own suffixes`;
  if (kind === 'field' && RESERVED_FIELD_NAMES.has(name.toLowerCase())) return `field name "${name}" is reserved by Data Cloud; rename it`;
  return undefined;
}
