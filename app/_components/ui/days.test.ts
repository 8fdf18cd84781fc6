import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  dayFromNow,
  endOfUtcDay,
  fromCalendarDay,
  hasWholeYear,
  startOfUtcDay,
  toCalendarDay,
  utcDay,
} from './days.ts';

// A date field holds a UTC day, as every page writes dates: the same in the browser's zone east and west
// of UTC, near midnight, so a chosen day is shown back as that day to everyone.
const zones = ['Pacific/Auckland', 'America/Los_Angeles'] as const;
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe.each(zones)('calendar days in %s', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('runs in that zone (the test would prove nothing in UTC)', () => {
    expect(new Date('2026-12-04T12:30:00Z').getTimezoneOffset()).not.toBe(0);
  });

  it('today is the UTC day, wherever the browser is', () => {
    // 12:30 UTC on 4 Dec is 01:30 on 5 Dec in Auckland and 04:30 on 4 Dec in Los Angeles.
    expect(utcDay(new Date('2026-12-04T12:30:00Z'))).toBe('2026-12-04');
    expect(utcDay(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-04');
    expect(dayFromNow(90, new Date('2026-12-05T23:59:00Z'))).toBe('2027-03-05');
  });

  it('the end of a chosen day is the last moment of that UTC day, shown back as that day', () => {
    const end = endOfUtcDay('2026-12-05');
    expect(end.toISOString()).toBe('2026-12-05T23:59:59.999Z');
    expect(utcDay(end)).toBe('2026-12-05');
    expect(startOfUtcDay('2026-12-05').toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(utcDay(addDays(startOfUtcDay('2026-03-07'), 1))).toBe('2026-03-08');
  });

  it('what is not a day (an emptied field) gives an Invalid Date for the server to refuse, not a guess', () => {
    expect(Number.isNaN(endOfUtcDay('5/12/2026').getTime())).toBe(true);
    expect(Number.isNaN(startOfUtcDay('').getTime())).toBe(true);
    expect(Number.isNaN(endOfUtcDay('2026-02-30').getTime())).toBe(true);
  });
});

describe('a date field’s value as a calendar date and back', () => {
  it.each(['2026-12-05', '2028-02-29', '0999-01-01'])('%s goes there and back unchanged', (day) => {
    expect(fromCalendarDay(toCalendarDay(day))).toBe(day);
  });

  it.each(['', '5/12/2026', '2026-12-5', '2026-02-30', '2026-13-01', '2027-02-29'])(
    '“%s” is no day: the field shows empty',
    (text) => {
      expect(toCalendarDay(text)).toBeNull();
    },
  );

  it('an emptied field is the empty string', () => {
    expect(fromCalendarDay(null)).toBe('');
    expect(toCalendarDay(undefined)).toBeNull();
  });
});

describe('hasWholeYear', () => {
  it('waits while the year is being typed, and takes an emptied field', () => {
    expect(['0002-11-25', '0020-11-25', '0202-11-25'].map(hasWholeYear)).toEqual([false, false, false]);
    expect(hasWholeYear(fromCalendarDay(toCalendarDay('2026-11-25')))).toBe(true);
    expect(hasWholeYear('')).toBe(true);
  });
});
