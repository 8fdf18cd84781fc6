import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  dayFromNow,
  endOfLocalDay,
  fromCalendarDay,
  hasWholeYear,
  localDay,
  startOfLocalDay,
  toCalendarDay,
} from './days.ts';

// The helpers are about the browser's zone: run them east and west of UTC, near midnight.
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

  it('today is the local day, not the UTC one', () => {
    // 12:30 UTC on 4 Dec is 01:30 on 5 Dec in Auckland and 04:30 on 4 Dec in Los Angeles;
    // 23:30 UTC on 4 Dec is still 4 Dec in Los Angeles but 12:30 on 5 Dec in Auckland.
    const noonUtc = new Date('2026-12-04T12:30:00Z');
    const lateUtc = new Date('2026-12-04T23:30:00Z');
    const earlyUtc = new Date('2026-12-05T03:00:00Z');
    if (zone === 'Pacific/Auckland') {
      expect(localDay(noonUtc)).toBe('2026-12-05');
      expect(localDay(lateUtc)).toBe('2026-12-05');
    } else {
      expect(localDay(noonUtc)).toBe('2026-12-04');
      expect(localDay(earlyUtc)).toBe('2026-12-04');
    }
  });

  it('the end of a chosen day is that day’s last second where the person is', () => {
    const end = endOfLocalDay('2026-12-05');
    expect(localDay(end)).toBe('2026-12-05');
    expect([end.getHours(), end.getMinutes(), end.getSeconds()]).toEqual([23, 59, 59]);
    expect(end.toISOString()).toBe(
      zone === 'Pacific/Auckland' ? '2026-12-05T10:59:59.000Z' : '2026-12-06T07:59:59.000Z',
    );
    expect(localDay(startOfLocalDay('2026-12-05'))).toBe('2026-12-05');
  });

  it('a day later is one calendar day, across a daylight-saving change too', () => {
    // Auckland leaves summer time on 5 Apr 2026; Los Angeles enters it on 8 Mar 2026.
    const before =
      zone === 'Pacific/Auckland' ? startOfLocalDay('2026-04-04') : startOfLocalDay('2026-03-07');
    const next = addDays(before, 1);
    expect(next.getHours()).toBe(0);
    expect(localDay(next)).toBe(zone === 'Pacific/Auckland' ? '2026-04-05' : '2026-03-08');
    expect(dayFromNow(90, startOfLocalDay('2026-12-05'))).toBe('2027-03-05');
  });

  it('what is not a day (an emptied field) gives an Invalid Date for the server to refuse, not a guess', () => {
    expect(Number.isNaN(endOfLocalDay('5/12/2026').getTime())).toBe(true);
    expect(Number.isNaN(startOfLocalDay('').getTime())).toBe(true);
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
