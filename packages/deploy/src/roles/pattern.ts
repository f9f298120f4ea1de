/**
 * A `Type:Name` pattern from the roles config: `*` matches any run of characters (dots included,
 * so `CustomField:Account.*` takes every Account field), matched case-sensitively as API names are.
 */
export function compilePattern(pattern: string): (type: string, fullName: string) => boolean {
  const colon = pattern.indexOf(':');
  const typePart = colon === -1 ? pattern : pattern.slice(0, colon);
  const namePart = colon === -1 ? '*' : pattern.slice(colon + 1);
  const toRegex = (glob: string): RegExp => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const type = toRegex(typePart);
  const name = toRegex(namePart);
  return (t, n) => type.test(t) && name.test(n);
}
