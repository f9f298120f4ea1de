const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/;

/** The 3-character suffix Salesforce adds so that an id survives case-insensitive handling. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_CHARS[bits];
  }
  return suffix;
}

/** True for a well-formed 15- or 18-character id (18: the suffix must match). */
export function isValidId(id: string): boolean {
  if (!ID_PATTERN.test(id)) return false;
  return id.length === 15 || idChecksum(id.slice(0, 15)) === id.slice(15).toUpperCase();
}

/**
 * The canonical 18-character form of a 15- or 18-character id, or undefined when malformed.
 * An 18-char id in the wrong case is repaired from its suffix, as Salesforce does.
 */
export function to18(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  if (id.length === 15) return id + idChecksum(id);
  const suffix = id.slice(15).toUpperCase();
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = CHECKSUM_CHARS.indexOf(suffix[chunk]!);
    for (let i = 0; i < 5; i++) {
      const c = id[chunk * 5 + i]!;
      id15 += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  const repaired = id15 + idChecksum(id15);
  return repaired.slice(15) === suffix ? repaired : undefined;
}

export function toBase62(n: number, width: number): string {
  let out = '';
  let rest = Math.floor(n);
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

export function fromBase62(text: string): number {
  let n = 0;
  for (const c of text) n = n * 62 + BASE62.indexOf(c);
  return n;
}

/** Width of the counter in an id made by `createIdFactory` (characters 7–15 of the id). */
export const ID_COUNTER_WIDTH = 9;

/**
 * Makes ids for one org: key prefix + a 2-char "pod" unique to the org + a reserved 0 + a
 * 9-digit base-62 counter, so ids from two orgs never collide and look like real ones. A restored
 * org passes the counter after the highest one it has stored, so new ids never collide with old ones.
 */
export function createIdFactory(pod: string, firstCounter = 1_000_000): (keyPrefix: string) => string {
  let counter = firstCounter;
  return (keyPrefix) => {
    const id15 = `${keyPrefix}${pod}0${toBase62(counter++, ID_COUNTER_WIDTH)}`;
    return id15 + idChecksum(id15);
  };
}
