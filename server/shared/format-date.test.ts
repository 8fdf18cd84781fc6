import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatDayMonth,
  formatInstant,
  formatMonth,
} from './format-date.ts';

// A moment near midnight UTC: any other zone (the reader's, the server's) would name another day or hour.
const late = new Date('2026-09-04T23:45:06.789Z');

describe('dates as people read them', () => {
  it('writes days, minutes and seconds in one style, in UTC, saying so with every time', () => {
    expect(formatDate(late)).toBe('4 Sep 2026');
    expect(formatDateTime(late)).toBe('4 Sep 2026, 23:45 UTC');
    expect(formatInstant(late)).toBe('4 Sep 2026, 23:45:06 UTC');
    expect(formatDateTime(new Date('2027-01-01T00:05:00Z'))).toBe('1 Jan 2027, 00:05 UTC');
    expect(formatDate(null)).toBe('—');
    expect(formatInstant(undefined)).toBe('—');
  });

  it('writes a date field’s day as the day itself, and the charts’ axes without the year or the day', () => {
    expect(formatDay('2026-12-31')).toBe('31 Dec 2026');
    expect(formatDay('not a day')).toBe('not a day');
    expect(formatDayMonth(new Date('2026-03-01T00:00:00Z'))).toBe('1 Mar');
    expect(formatMonth(new Date('2026-03-01T00:00:00Z'))).toBe('Mar 2026');
  });

  it('does not depend on the time zone it runs in', () => {
    // The formatting reads only UTC fields: the process's zone (TZ) cannot move a day.
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(formatDateTime(late)).toBe('4 Sep 2026, 23:45 UTC');
      process.env.TZ = 'America/Los_Angeles';
      expect(formatDate(late)).toBe('4 Sep 2026');
    } finally {
      process.env.TZ = before;
    }
  });
});
