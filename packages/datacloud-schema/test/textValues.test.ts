import { describe, expect, it } from 'vitest';
import { coerceTextValue, formatTextValue, type SchemaField } from '../src/index.js';

const field = (type: SchemaField['type']): SchemaField => ({ name: 'f', type });

describe('coerceTextValue', () => {
  it('types CSV cells by the schema and keeps an empty cell as null', () => {
    expect(coerceTextValue(field('number'), ' 42.5 ')).toEqual({ value: 42.5 });
    expect(coerceTextValue(field('percent'), '-1e2')).toEqual({ value: -100 });
    expect(coerceTextValue(field('boolean'), 'TRUE')).toEqual({ value: true });
    expect(coerceTextValue(field('boolean'), 'false')).toEqual({ value: false });
    expect(coerceTextValue(field('text'), ' keep spaces ')).toEqual({ value: ' keep spaces ' });
    expect(coerceTextValue(field('datetime'), '2026-11-26T17:00:00.000Z')).toEqual({ value: '2026-11-26T17:00:00.000Z' });
    expect(coerceTextValue(field('date'), '')).toEqual({ value: null });
  });

  it('says why a cell does not fit its field', () => {
    expect(coerceTextValue(field('number'), '12 kWh')).toEqual({ error: 'field "f": expected a number, got the string "12 kWh"' });
    expect(coerceTextValue(field('number'), '0x10')).toHaveProperty('error');
    expect(coerceTextValue(field('boolean'), 'yes')).toEqual({ error: 'field "f": expected true or false, got the string "yes"' });
    expect(coerceTextValue(field('date'), '2026-13-01')).toHaveProperty('error');
  });
});

describe('formatTextValue', () => {
  it('writes what coerceTextValue reads back', () => {
    for (const [type, value] of [['number', 12.25], ['boolean', true], ['text', 'a,b "c"'], ['datetime', '2026-11-26T17:00:00.000Z']] as const) {
      const text = formatTextValue(field(type), value);
      expect(coerceTextValue(field(type), text)).toEqual({ value });
    }
    expect(formatTextValue(field('number'), null)).toBe('');
  });
});
