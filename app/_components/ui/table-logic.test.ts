import { describe, expect, it } from 'vitest';
import { compareCells, matchesQuery } from './table-logic.ts';

const sortBy = (values: unknown[], descending = false) =>
  [...values].sort((a, b) => compareCells(a, b, descending));

describe('compareCells', () => {
  it('orders text as people read it: case-blind, numbers inside names by value', () => {
    expect(sortBy(['b', 'A', 'a10', 'a9'])).toEqual(['A', 'a9', 'a10', 'b']);
  });
  it('orders numbers, booleans and dates by value', () => {
    expect(sortBy([10, 9, 100])).toEqual([9, 10, 100]);
    expect(sortBy([true, false])).toEqual([false, true]);
    expect(sortBy(['2026-03-01T10:00:00.000Z', '2025-12-31', '2026-01-15'])).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-03-01T10:00:00.000Z',
    ]);
    expect(sortBy([new Date('2026-02-01'), new Date('2025-02-01')])).toEqual([
      new Date('2025-02-01'),
      new Date('2026-02-01'),
    ]);
  });
  it('puts empty cells last, ascending and descending', () => {
    expect(sortBy([null, 'b', '', 'a', undefined])).toEqual(['a', 'b', null, '', undefined]);
    expect(sortBy([null, 'b', 'a'], true)).toEqual(['b', 'a', null]);
  });
});

describe('matchesQuery', () => {
  const row = ['Lena Hoffmann', 'Finance', 42, null, { nested: 'ignored' }];
  it.each([
    ['', true],
    ['  ', true],
    ['lena', true],
    ['hoffmann finance', true],
    ['FIN', true],
    ['42', true],
    ['lena payroll', false],
    ['ignored', false],
  ])('%j → %s', (query, expected) => {
    expect(matchesQuery(row, query)).toBe(expected);
  });
  it('ignores accents both ways', () => {
    expect(matchesQuery(['Hugo Lefèvre'], 'lefevre')).toBe(true);
    expect(matchesQuery(['Hugo Lefevre'], 'Lefèvre')).toBe(true);
  });
});
