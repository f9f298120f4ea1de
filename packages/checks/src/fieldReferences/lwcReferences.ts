import type { PathSegment, Position } from './referenceChecker.js';

/** `import X from '@salesforce/schema/Contact.Account.Foo__c'`: the object and the path after it. */
export interface SchemaImport {
  object: PathSegment;
  /** Empty for an object import (`@salesforce/schema/Account`). */
  path: PathSegment[];
}

/**
 * The source with comments blanked out (same length, newlines kept) so a commented-out import is
 * not read as one. Strings and template literals are skipped over whole; regular expression
 * literals are not recognised, which is harmless for finding import specifiers.
 */
function withoutComments(source: string): string {
  const out = source.split('');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '/' && source[i + 1] === '/') {
      for (; i < source.length && source[i] !== '\n'; i++) out[i] = ' ';
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (; i < stop; i++) if (source[i] !== '\n') out[i] = ' ';
      i--;
    }
  }
  return out.join('');
}

/** `from '@salesforce/schema/…'` in static imports (the only way LWC can import schema). */
const SCHEMA_IMPORT = /\bfrom\s*(['"])@salesforce\/schema\/([^'"\r\n]+)\1/g;

function positionAt(source: string, index: number): Position {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Every `@salesforce/schema` import of an LWC JavaScript file, with the position of each name. */
export function schemaImports(source: string): SchemaImport[] {
  const imports: SchemaImport[] = [];
  for (const match of withoutComments(source).matchAll(SCHEMA_IMPORT)) {
    const specifier = match[2]!;
    let index = match.index + match[0].length - 1 - specifier.length;
    const segments: PathSegment[] = [];
    for (const name of specifier.split('.')) {
      segments.push({ name, ...positionAt(source, index) });
      index += name.length + 1;
    }
    imports.push({ object: segments[0]!, path: segments.slice(1) });
  }
  return imports;
}
