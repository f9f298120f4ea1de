const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a rule's path glob: whole segments, case-insensitive, `*` within a segment, `**` across
 * segments, and a prefix match (the pattern's segments followed by anything or nothing).
 */
export function compilePathGlob(pattern: string): RegExp {
  const segments = pattern.split('/').filter(Boolean);
  const body = segments.map((s) => (s === '**' ? '(?:/[^/]+)*' : `/${escapeRegExp(s).replace(/\*/g, '[^/]*')}`)).join('');
  return new RegExp(`^${body}(?:/.*)?$`, 'i');
}
