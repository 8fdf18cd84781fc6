/*
 * The one place a date or a moment is written for a person to read: one style (British day, month,
 * year: "4 Dec 2026") and one time zone, UTC, stated with every time, as the audit log, the reports' days and the
 * campaigns' dates read. A page therefore says the same wherever it is read, and the server's render and
 * the browser's agree (a date in the reader's own zone rendered on the server in another one was a
 * hydration mismatch). The server writes its notifications and explanations with it too, so a notice
 * says "17 Jan 2026" as the page beside it does. Files (CSV, JSON) keep ISO 8601; a date field's value
 * is a YYYY-MM-DD day (app/_components/ui/days.ts).
 */

// Written out rather than through Intl: ICU versions differ ("Sep" or "Sept"), and Node's and the
// browser's must not.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const two = (n: number) => String(n).padStart(2, '0');
const dayMonth = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
const day = (d: Date) => `${dayMonth(d)} ${d.getUTCFullYear()}`;
const minute = (d: Date) => `${day(d)}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;

/** A day as a file (CSV) writes it, for machines: ISO 8601, "2026-12-04" (the UTC day). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** How a text shared by a page and a file writes its days: formatDate for people, isoDay for files. */
export type TDayWriter = (d: Date) => string;

/** A day: "4 Dec 2026" (the UTC day). */
export const formatDate = (d: Date | null | undefined) => (d ? day(d) : '—');
/** A moment to the minute: "4 Dec 2026, 10:11 UTC". */
export const formatDateTime = (d: Date | null | undefined) => (d ? `${minute(d)} UTC` : '—');
/** A moment as evidence states it, to the second: "4 Dec 2026, 10:11:12 UTC". */
export const formatInstant = (d: Date | null | undefined) =>
  d ? `${minute(d)}:${two(d.getUTCSeconds())} UTC` : '—';
/** A date field's day (YYYY-MM-DD) as formatDate writes it; the text itself when it is not a day. */
export const formatDay = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(new Date(`${text}T00:00:00Z`)) : text;
/** A chart's axis: a UTC day without its year ("4 Dec"), or a month ("Dec 2026"). */
export const formatDayMonth = (d: Date) => dayMonth(d);
export const formatMonth = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

export function formatRelative(d: Date, now = new Date()): string {
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatDate(d);
}
