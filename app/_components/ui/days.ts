/**
 * Calendar days as the portal states them: UTC days, as every page writes a date (format.ts) and the
 * auditors' reports and campaigns read them. A date field's value ("2026-12-05") is such a day, so an end
 * date chosen as 5 Dec is shown as 5 Dec to everyone, east or west of UTC (a day in the browser's own zone,
 * then written in UTC, showed a day later west of it). "Until 5 Dec" means until that UTC day is over.
 */

import { type CalendarDate, parseDate } from '@internationalized/date';

const DAY_MS = 86_400_000;

/** The UTC calendar day of a moment, as a date field holds it: YYYY-MM-DD. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** The same moment n days later (or earlier); UTC has no daylight-saving change. */
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);

/** The UTC day n days from now, as a date field holds it. */
export const dayFromNow = (n: number, now = new Date()) => utcDay(addDays(now, n));

/**
 * The first moment of a UTC day; an Invalid Date when the text is not a real day (an emptied field,
 * "2026-02-30", which Date alone would roll over into March), for the server to refuse with a clear message.
 */
export function startOfUtcDay(day: string): Date {
  const start = new Date(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : Number.NaN);
  return !Number.isNaN(start.getTime()) && utcDay(start) === day ? start : new Date(Number.NaN);
}

/** The last moment of a UTC day: an end date chosen in a date field means "until that day is over". */
export const endOfUtcDay = (day: string) => new Date(startOfUtcDay(day).getTime() + DAY_MS - 1);

/**
 * A date field's day as React Aria's calendar date, or null for an empty field or text that is not a
 * real day ("2026-02-30"): the field then shows empty instead of throwing.
 */
export function toCalendarDay(day: string | null | undefined): CalendarDate | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  try {
    const date = parseDate(day);
    // parseDate constrains an impossible day to a real one (31 Feb becomes 28 Feb); that is not what was written.
    return date.toString() === day ? date : null;
  } catch {
    return null;
  }
}

/** A calendar date back as the YYYY-MM-DD a page holds; an emptied field is ''. */
export const fromCalendarDay = (date: { toString(): string } | null | undefined) =>
  date ? date.toString() : '';

/**
 * Whether a typed day has its whole year: a year segment being typed passes through 2, 20 and 202
 * before 2026, and each is a valid date of its own. A field that hands its day on as it is typed
 * (a report's "As of") waits for a four-digit year; '' (emptied) is whole.
 */
export const hasWholeYear = (day: string) => day === '' || Number(day.slice(0, 4)) >= 1000;
