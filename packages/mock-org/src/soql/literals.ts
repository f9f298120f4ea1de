import type { FieldDef } from '../schema/types.js';
import { dateLiteralSpan, dateNLiteralSpan, type Span } from './dateLiterals.js';
import { unsupported } from './errors.js';
import { decodeStringLiteral, literalText } from './stringLiteral.js';
import { SoqlError } from './types.js';
import { dateToMs, datetimeToMs, idKey, kindOf, type Key } from './values.js';

/** A filter value made comparable with one field's keys. `raw` is what the store indexes. */
export type Operand = { kind: 'null' } | { kind: 'key'; key: Key; raw: unknown } | { kind: 'span'; span: Span };

/** One literal as the parser hands it over. */
export interface Literal {
  value: string;
  literalType: string;
  /** The n of LAST_N_DAYS:n. */
  n?: number;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'integer',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
};

function mismatch(field: FieldDef): SoqlError {
  const typeName = TYPE_NAMES[field.type];
  return new SoqlError(
    'INVALID_FIELD',
    typeName
      ? `value of filter criterion for field '${field.name}' must be of type ${typeName} and should not be enclosed in quotes`
      : `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`,
  );
}

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function dateSpan(literal: Literal, now: Date): Span {
  return literal.literalType === 'DATE_N_LITERAL'
    ? dateNLiteralSpan(literal.value, literal.n ?? Number(literal.value.split(':')[1]), now)
    : dateLiteralSpan(literal.value, now);
}

/** Checks a literal against the field's type (Salesforce's rules) and makes it comparable. */
export function toOperand(field: FieldDef, literal: Literal, now: Date): Operand {
  const { value, literalType } = literal;
  if (literalType === 'NULL') return { kind: 'null' };
  if (literalType === 'APEX_BIND_VARIABLE') throw unsupported('bind variables');
  switch (kindOf(field)) {
    case 'text': {
      if (literalType !== 'STRING') throw mismatch(field);
      const text = literalText(decodeStringLiteral(value));
      return { kind: 'key', key: text.toLowerCase(), raw: text };
    }
    case 'id': {
      if (literalType !== 'STRING') throw mismatch(field);
      const text = literalText(decodeStringLiteral(value));
      if (text !== '' && !ID.test(text)) throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
      return { kind: 'key', key: idKey(text), raw: text };
    }
    case 'boolean':
      if (literalType !== 'BOOLEAN') throw mismatch(field);
      return { kind: 'key', key: value.toLowerCase() === 'true' ? 1 : 0, raw: value.toLowerCase() === 'true' };
    case 'number': {
      if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw mismatch(field);
      const n = Number(value);
      return { kind: 'key', key: n, raw: n };
    }
    case 'date': {
      if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') return { kind: 'span', span: dateSpan(literal, now) };
      const ms = literalType === 'DATE' ? dateToMs(value) : undefined;
      if (ms === undefined) throw mismatch(field);
      return { kind: 'key', key: ms, raw: value };
    }
    case 'datetime': {
      if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') return { kind: 'span', span: dateSpan(literal, now) };
      const ms = literalType === 'DATETIME' ? datetimeToMs(value) : undefined;
      if (ms === undefined) throw mismatch(field);
      return { kind: 'key', key: ms, raw: value };
    }
  }
}
