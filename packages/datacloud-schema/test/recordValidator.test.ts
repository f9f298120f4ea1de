import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecordValidator, loadConnectorSchema } from '../src/index.js';

const orders = loadConnectorSchema(join(import.meta.dirname, 'fixtures', 'orders.yaml')).object('Orders')!;
const validate = createRecordValidator(orders);

const valid = {
  orderId: 'O-1',
  total: 12.5,
  discount: 10,
  gift: false,
  placedOn: '2026-02-28',
  placedAt: '2026-02-28T09:31:44.457Z',
  email: 'ana@example.com',
  phone: '+1 415 555 0100',
  receipt: 'https://example.com/r/1',
};

describe('createRecordValidator', () => {
  it('accepts a record with every field of its type', () => {
    expect(validate(valid)).toBeUndefined();
    expect(validate({ ...valid, placedAt: '2026-02-28T09:31:44Z' })).toBeUndefined();
  });

  it('accepts null and "" as "no value" in any field', () => {
    expect(validate({ ...valid, total: null, gift: '', placedOn: null, email: '', receipt: null })).toBeUndefined();
  });

  it('names the missing field and says to send a blank', () => {
    const { phone: _omitted, ...rest } = valid;
    expect(validate(rest)).toBe('missing field "phone": every Orders field must be present; send null or "" when there is no value');
  });

  it('names an extra field, case-sensitively', () => {
    expect(validate({ ...valid, colour: 'red' })).toBe('unknown field "colour": Orders has no such field (names are case-sensitive)');
    const { orderId, ...rest } = valid;
    expect(validate({ ...rest, OrderId: orderId })).toMatch(/^unknown field "OrderId"/);
  });

  it.each([
    ['total', '12.5', 'expected a number, got the string "12.5"'],
    ['total', Number.NaN, 'expected a number, got number NaN'],
    ['gift', 'yes', 'expected true or false, got the string "yes"'],
    ['orderId', 42, 'expected a string, got number 42'],
    ['placedOn', '2026-02-30', 'expected a date as yyyy-MM-dd, got the string "2026-02-30"'],
    ['placedOn', '28/02/2026', 'expected a date as yyyy-MM-dd'],
    ['placedAt', '2026-02-28T09:31:44+02:00', 'expected a UTC date-time'],
    ['placedAt', '2026-02-28 09:31:44Z', 'expected a UTC date-time'],
    ['placedAt', '2026-02-28T24:00:00Z', 'expected a UTC date-time'],
    ['email', 'not-an-address', 'expected an email address'],
    ['receipt', 'ftp://example.com/x', 'expected an http(s) URL'],
    ['discount', { value: 1 }, 'expected a number, got an object'],
  ])('refuses %s = %j', (field, value, reason) => {
    expect(validate({ ...valid, [field]: value })).toContain(`field "${field}": ${reason}`);
  });

  it('refuses what is not a JSON object', () => {
    expect(validate([valid])).toMatch(/expected a JSON object with the fields of Orders, got an array/);
    expect(validate(null)).toMatch(/got null/);
    expect(validate('O-1')).toMatch(/got string/);
  });
});
