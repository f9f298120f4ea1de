import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaError, loadConnectorSchema, parseConnectorSchema } from '../src/index.js';

const fixture = join(import.meta.dirname, 'fixtures', 'orders.yaml');

/** The problems a YAML text gets, as "line: message". */
function problemsOf(yamlText: string): string[] {
  try {
    parseConnectorSchema(yamlText, 'test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(SchemaError);
    return (err as SchemaError).problems.map((p) => `${p.line ?? '?'}: ${p.message}`);
  }
  throw new Error('expected the schema to be refused');
}

const oneObject = (properties: string, extra = ''): string => `openapi: 3.0.3\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n${properties}${extra}`;

describe('parseConnectorSchema', () => {
  it('reads every Data Cloud field type from a valid connector schema', () => {
    const schema = loadConnectorSchema(fixture);
    expect(schema.objects.map((o) => o.name)).toEqual(['Orders', 'Returns']);
    expect(schema.object('Orders')!.fields).toEqual([
      { name: 'orderId', type: 'text' },
      { name: 'total', type: 'number' },
      { name: 'discount', type: 'percent' },
      { name: 'gift', type: 'boolean' },
      { name: 'placedOn', type: 'date' },
      { name: 'placedAt', type: 'datetime' },
      { name: 'email', type: 'email' },
      { name: 'phone', type: 'phone' },
      { name: 'receipt', type: 'url' },
    ]);
    expect(schema.object('Orders')!.field('total')).toEqual({ name: 'total', type: 'number' });
    expect(schema.object('orders')).toBeUndefined();
  });

  it('refuses nested objects and arrays, naming the line', () => {
    const problems = problemsOf(oneObject('        id:\n          type: string\n        address:\n          type: object\n          properties:\n            city:\n              type: string\n        tags:\n          type: array\n          items:\n            type: string\n'));
    expect(problems).toEqual([expect.stringMatching(/^10: .*nested objects and arrays are not supported/), expect.stringMatching(/^15: .*nested objects and arrays are not supported/)]);
  });

  it('refuses bad names, reserved names and case-insensitive duplicates, all at once', () => {
    const problems = problemsOf(oneObject('        id:\n          type: string\n        version:\n          type: number\n        ID:\n          type: string\n        bad__name:\n          type: string\n        "héllo":\n          type: string\n'));
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/field name "version" is reserved/);
    expect(problems.join('\n')).toMatch(/field "ID" duplicates "id"/);
    expect(problems.join('\n')).toMatch(/"bad__name" contains "__"/);
    expect(problems.join('\n')).toMatch(/"héllo" may only contain a-z, A-Z, 0-9, _ and -/);
  });

  it('refuses names over 80 characters and objects over 1000 fields', () => {
    const long = 'f'.repeat(81);
    expect(problemsOf(oneObject(`        ${long}:\n          type: string\n`))).toEqual([expect.stringMatching(/is 81 characters; Data Cloud allows at most 80/)]);
    const many = Array.from({ length: 1001 }, (_, i) => `        f${i}:\n          type: string\n`).join('');
    expect(problemsOf(oneObject(many))).toEqual([expect.stringMatching(/has 1001 fields; Data Cloud allows at most 1000/)]);
  });

  it('refuses unsupported types and formats with the fix', () => {
    const problems = problemsOf(oneObject('        count:\n          type: integer\n        at:\n          type: string\n          format: time\n        blob:\n          type: string\n          format: binary\n        untyped:\n          description: no type\n'));
    expect(problems).toEqual([
      expect.stringMatching(/^8: type integer is not a Data Cloud field type: use type: number/),
      expect.stringMatching(/^10: format "time" is not a Data Cloud string format/),
      expect.stringMatching(/^13: format "binary" is not a Data Cloud string format/),
      expect.stringMatching(/^16: type is missing/),
    ]);
  });

  it('requires OpenAPI 3.0 and at least one object with one field', () => {
    expect(problemsOf('openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        id:\n          type: string\n')).toEqual([expect.stringMatching(/^1: Data Cloud accepts OpenAPI 3.0.x documents/)]);
    expect(problemsOf('openapi: 3.0.3\ncomponents:\n  schemas: {}\n')).toEqual([expect.stringMatching(/components.schemas must define at least one object/)]);
    expect(problemsOf('openapi: 3.0.3\ncomponents:\n  schemas:\n    Empty:\n      type: object\n      properties: {}\n')).toEqual([expect.stringMatching(/object "Empty" needs at least one field/)]);
    expect(problemsOf('- just\n- a list\n')).toEqual([expect.stringMatching(/must be an OpenAPI 3.0 document/)]);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(problemsOf('openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        id: [unclosed\n')[0]).toMatch(/^\d+: YAML syntax:/);
    expect(problemsOf(oneObject('        id:\n          type: string\n        id:\n          type: number\n'))[0]).toMatch(/^9: YAML syntax: Map keys must be unique/);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bomb = `openapi: 3.0.3\n${levels.join('\n')}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        id:\n          type: string\n`;
    expect(problemsOf(bomb)[0]).toMatch(/YAML could not be expanded/);
  });

  it('says when the file cannot be read', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'schema-')), 'nope.yaml');
    expect(() => loadConnectorSchema(missing)).toThrow(expect.objectContaining({ code: 'SCHEMA_NOT_READABLE', message: expect.stringMatching(/no such file/) }));
    const file = join(mkdtempSync(join(tmpdir(), 'schema-')), 'bad.yaml');
    writeFileSync(file, 'openapi: 3.0.3\n');
    expect(() => loadConnectorSchema(file)).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA', message: expect.stringContaining(`${file} is not a schema Data Cloud accepts`) }));
  });
});
