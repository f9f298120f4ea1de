import { malformed } from './errors.js';

/** One character of a string literal; `wildcard` marks an unescaped % or _ (LIKE patterns). */
export interface LiteralChar {
  ch: string;
  wildcard: boolean;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** Decodes a quoted SOQL string literal ('O\'Brien') into characters, keeping \% and \_ literal. */
export function decodeStringLiteral(raw: string): LiteralChar[] {
  const body = raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  const out: LiteralChar[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push({ ch: c, wildcard: c === '%' || c === '_' });
      continue;
    }
    const next = body[++i];
    if (next === undefined) throw malformed(`Invalid string literal ${raw}`);
    const lower = next.toLowerCase();
    if (lower === '%' || lower === '_') out.push({ ch: next, wildcard: false });
    else if (lower === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out.push({ ch: String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)), wildcard: false });
      i += 4;
    } else if (ESCAPES[lower] !== undefined) out.push({ ch: ESCAPES[lower]!, wildcard: false });
    else throw malformed(`Invalid string literal ${raw}. Illegal character sequence '\\${next}' in string literal.`);
  }
  return out;
}

export function literalText(chars: readonly LiteralChar[]): string {
  return chars.map((c) => c.ch).join('');
}
