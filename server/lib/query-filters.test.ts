import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkDayRange,
  endOfDay,
  isCalendarDay,
  ZChoiceFilter,
  ZDayFilter,
  ZTextFilter,
} from './query-filters.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';

describe('report filters from a query string', () => {
  it.each([
    ['2026-03-31', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-3-1', false],
    ['yesterday', false],
  ])('%s is a calendar day: %s', (day, expected) => {
    expect(isCalendarDay(day)).toBe(expected);
  });

  it('treats an empty value as no filter and trims text', () => {
    const schema = z.object({ q: ZTextFilter, day: ZDayFilter, status: ZChoiceFilter(['OPEN', 'DONE']) });
    expect(schema.parse({ q: '  ', day: '', status: '' })).toEqual({
      q: undefined,
      day: undefined,
      status: undefined,
    });
    expect(schema.parse({ q: ' Ann ', day: '2026-03-01', status: 'OPEN' })).toEqual({
      q: 'Ann',
      day: '2026-03-01',
      status: 'OPEN',
    });
    expect(schema.safeParse({ status: 'open' }).success).toBe(false);
    expect(schema.safeParse({ q: 'x'.repeat(101) }).success).toBe(false);
  });

  it('refuses a range that ends before it starts, and includes the last day', () => {
    const schema = z.object({ from: ZDayFilter, to: ZDayFilter }).superRefine(checkDayRange);
    expect(schema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(schema.safeParse({ from: '2026-03-01', to: '2026-03-01' }).success).toBe(true);
    expect(endOfDay('2026-03-01').toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(likeLiteral('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});
