import { describe, expect, it } from 'vitest';
import { utcMilliseconds } from './query-arrays.ts';

describe('utcMilliseconds', () => {
  it.each([
    ['2026-12-04 11:57:06.426', '2026-12-04T11:57:06.426Z'],
    ['2026-12-04 11:57:06.4', '2026-12-04T11:57:06.400Z'],
    ['2026-12-04 11:57:06.42', '2026-12-04T11:57:06.420Z'],
    ['2026-12-04 11:57:06.426789', '2026-12-04T11:57:06.426Z'],
    ['2026-12-04 11:57:06', '2026-12-04T11:57:06.000Z'],
    ['2024-02-29 23:59:59.999', '2024-02-29T23:59:59.999Z'],
    ['1000-01-01 00:00:00', '1000-01-01T00:00:00.000Z'],
    ['0099-06-01 12:00:00', '0099-06-01T12:00:00.000Z'],
    ['0500-06-01 12:00:00.5', '0500-06-01T12:00:00.500Z'],
  ])('reads %s as PostgreSQL meant it, in UTC', (text, iso) => {
    expect(new Date(utcMilliseconds(text)).toISOString()).toBe(iso);
  });

  it.each(['infinity', '-infinity', '2026-12-04 11:57:06 BC', '12026-12-04 11:57:06'])(
    'reads %s as an invalid date, not another one',
    (text) => {
      expect(Number.isNaN(utcMilliseconds(text))).toBe(true);
    },
  );
});
