import { describe, expect, it } from 'vitest';
import { Prisma } from '@/prisma/generated/client.ts';
import { adapterValue } from './adapter-value.ts';

// What a statement past Prisma binds must be what Prisma's adapter would have bound (its mapArg after
// the client's raw-parameter serialisation): query-json.int.test.ts compares the two in PostgreSQL.
describe('adapterValue', () => {
  it.each([
    [new Date('2026-03-02T09:00:00Z'), '2026-03-02 09:00:00'],
    [new Date('2026-03-02T09:00:00.05Z'), '2026-03-02 09:00:00.050'],
    [new Date('0099-12-31T23:59:59.999Z'), '0099-12-31 23:59:59.999'],
    [new Date('+010000-01-01T00:00:00Z'), '10000-01-01 00:00:00'],
    [new Prisma.Decimal('12.50'), '12.5'],
    [12n, '12'],
    [
      [new Date('2026-03-02T09:00:00Z'), null],
      ['2026-03-02 09:00:00', null],
    ],
    [{ a: [1] }, { a: [1] }],
    ['text', 'text'],
  ])('binds %o as %o', (value, bound) => {
    expect(adapterValue(value)).toEqual(bound);
  });

  it('refuses an object that is not plain, and an invalid date', () => {
    expect(() => adapterValue(new Map())).toThrow(/takes no Map object/);
    expect(() => adapterValue(new URL('https://example.org'))).toThrow(/takes no URL object/);
    expect(() => adapterValue(new Date(Number.NaN))).toThrow(/invalid/);
  });
});
