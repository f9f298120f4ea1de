import type { LiteralChar } from './stringLiteral.js';

type Token = { kind: 'any' } | { kind: 'one' } | { kind: 'char'; ch: string };

/**
 * Compiles a LIKE pattern to a matcher. Hand-written rather than a RegExp so user text can never
 * become regex syntax; the greedy %-backtracking below is O(value × pattern) at worst.
 */
export function compileLike(pattern: readonly LiteralChar[]): (value: string) => boolean {
  const tokens: Token[] = pattern.map((c) =>
    c.wildcard ? (c.ch === '%' ? { kind: 'any' } : { kind: 'one' }) : { kind: 'char', ch: c.ch.toLowerCase() },
  );
  return (raw) => {
    const value = raw.toLowerCase();
    let v = 0;
    let p = 0;
    let starP = -1;
    let starV = 0;
    while (v < value.length) {
      const t = tokens[p];
      if (t && (t.kind === 'one' || (t.kind === 'char' && t.ch === value[v]))) {
        v++;
        p++;
      } else if (t && t.kind === 'any') {
        starP = p++;
        starV = v;
      } else if (starP >= 0) {
        p = starP + 1;
        v = ++starV;
      } else return false;
    }
    while (tokens[p]?.kind === 'any') p++;
    return p === tokens.length;
  };
}
