import { z } from 'zod';

/*
 * The filters every list and report parses, in one place (the reports, the audit log, the review
 * queue, campaigns). A page keeps them in its query string and its CSV export reads them back, so
 * both parse the same names: strings, where an empty one means "no filter". Days are UTC calendar
 * days, `to` included. Below every module (docs/decisions/094), so a module lists and filters
 * without loading the reports.
 */

/** A free-text filter: trimmed, at most 100 characters, '' is none. */
export const ZTextFilter = z
  .string()
  .trim()
  .max(100, 'is longer than 100 characters')
  .optional()
  .transform((v) => v || undefined);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** YYYY-MM-DD naming a day that exists (no 2026-02-30, no month 13). */
export function isCalendarDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const at = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(v);
}

/** A calendar day as YYYY-MM-DD (a real one: no 2026-02-30), '' is none. */
export const ZDayFilter = z
  .union([z.literal(''), z.string().refine(isCalendarDay, 'is not a date (YYYY-MM-DD)')])
  .optional()
  .transform((v) => v || undefined);

/** One of `values`, '' is none. */
export const ZChoiceFilter = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values)])
    .optional()
    .transform((v) => (v || undefined) as T[number] | undefined);

/** The start of a day, and the start of the day after it (a `to` day is included). */
export const startOfDay = (day: string) => new Date(`${day}T00:00:00Z`);
export const endOfDay = (day: string) => new Date(startOfDay(day).getTime() + 86_400_000);

/** For a schema's superRefine: `from` must not come after `to`. */
export function checkDayRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (v.from && v.to && v.from > v.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before the start of the range' });
}

/** The same filters read from a query string: blanks are absent, numbers are text. */
export const fromQuery = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) =>
      v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v,
    schema,
  );
