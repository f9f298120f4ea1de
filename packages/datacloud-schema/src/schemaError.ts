import type { SchemaProblem } from './types.js';

export type SchemaErrorCode = 'INVALID_SCHEMA' | 'SCHEMA_NOT_READABLE';

/** A connector schema Data Cloud would refuse (or a file that can't be read), with every problem found. */
export class SchemaError extends Error {
  constructor(
    readonly code: SchemaErrorCode,
    readonly source: string,
    readonly problems: SchemaProblem[],
  ) {
    super(SchemaError.summarise(source, problems));
    this.name = 'SchemaError';
  }

  private static summarise(source: string, problems: SchemaProblem[]): string {
    const lines = problems.map((p) => `  ${source}${p.line === undefined ? '' : `:${p.line}`} ${p.path ? `${p.path}: ` : ''}${p.message}`);
    const noun = problems.length === 1 ? 'problem' : 'problems';
    return `${source} is not a schema Data Cloud accepts (${problems.length} ${noun}):\n${lines.join('\n')}`;
  }
}
