/**
 * Calendar days as the person sees them. A date field's value ("2026-12-05") is a day in the
 * browser's time zone, so "today", "in 90 days" and "the end of that day" are all local: reading a
 * day with toISOString() gives the UTC day instead, a day off near midnight east or west of UTC.
 */

import { type CalendarDate, parseDate } from '@internationalized/date';

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of a moment, as a date field holds it: YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The same local time n calendar days later (or earlier): a day across a daylight-saving change is still one day. */
export function addDays(d: Date, n: number): Date {
  const next = new Date(d);
  next.setDate(next.getDate() + n);
  return next;
}

/** The local day n days from now, as a date field holds it. */
export const dayFromNow = (n: number, now = new Date()) => localDay(addDays(now, n));

/** A moment of a local day; an Invalid Date when the text is not a day (an emptied field), which the server refuses with a clear message. */
function atLocalTime(day: string, h: number, min: number, s: number): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return new Date(Number.NaN);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, min, s, 0);
}

/** The first moment of a local day. */
export const startOfLocalDay = (day: string) => atLocalTime(day, 0, 0, 0);

/** The last second of a local day: an end date chosen in a date field means "until that day is over". */
export const endOfLocalDay = (day: string) => atLocalTime(day, 23, 59, 59);

// Campaigns start and fall due on UTC days, as the auditors' reports read dates: their form uses these.
/** The UTC calendar day of a moment: YYYY-MM-DD. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
/** The first moment of a UTC day. */
export const startOfUtcDay = (day: string) => new Date(`${day}T00:00:00.000Z`);
/** The last moment of a UTC day: a campaign due on the 31st can be decided all that day. */
export const endOfUtcDay = (day: string) => new Date(startOfUtcDay(day).getTime() + 86_400_000 - 1);

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
