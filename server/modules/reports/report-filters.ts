import { GrantSource } from '@/prisma/generated/enums.ts';
import { z } from 'zod';

/*
 * Every report's filters, in one place. A report's page keeps them in its query string and its CSV
 * export reads them back, so both parse the same names: strings, where an empty one means "no
 * filter". Days are UTC calendar days, `to` included.
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

// The one LIKE escaping (server/db), offered to the modules that search through the reports' surface.
export { likeLiteral } from '@/server/db/count-capped.ts';

/*
 * The access reports (who has, what a person has, leavers, expiring): one definition for the page
 * (tRPC, typed) and its CSV export (`fromQuery` below), so a page's URL and its download link agree.
 */
const ZId = z.string().uuid('must be an id');
const ZDepartment = z.string().trim().min(1).max(200);
const ZSource = z.enum(GrantSource);

/** A calendar day (UTC), not after today: the report answers as of the end of that day. */
export const ZAsOf = z
  .string()
  .max(10)
  .refine(isCalendarDay, 'must be a date (YYYY-MM-DD)')
  .refine((d) => d >= '2000-01-01', 'is before 2000')
  .refine(
    (d) => d <= new Date().toISOString().slice(0, 10),
    'is in the future: reports answer for today or a past day',
  );

export const ZAccessFilters = z.object({
  entitlement: ZId.optional(),
  role: ZId.optional(),
  application: ZId.optional(),
  department: ZDepartment.optional(),
  person: ZId.optional(),
  source: ZSource.optional(),
  asOf: ZAsOf.optional(),
});
export type TAccessFilters = z.infer<typeof ZAccessFilters>;

const ZDays = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1')
  .max(365, 'must be at most 365');

export const ZExpiringFilters = z.object({
  days: ZDays.default(30),
  application: ZId.optional(),
  department: ZDepartment.optional(),
  source: ZSource.optional(),
});
export type TExpiringFilters = z.infer<typeof ZExpiringFilters>;

/**
 * Dormant access: accounts unused for `days` (default 90); `usage` asks for the dormant and the never
 * used (default) or for the accounts of targets that do not tell when they were used (unknown).
 */
export const ZDormantFilters = z.object({
  days: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .default(90),
  application: ZId.optional(),
  department: ZDepartment.optional(),
  usage: z.enum(['dormant', 'unknown'], { error: 'must be dormant or unknown' }).default('dormant'),
});
export type TDormantFilters = z.infer<typeof ZDormantFilters>;

export const ZLeaverFilters = z.object({ application: ZId.optional(), department: ZDepartment.optional() });
export type TLeaverFilters = z.infer<typeof ZLeaverFilters>;

/** The same filters read from a query string: blanks are absent, numbers are text. */
export const fromQuery = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) =>
      v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v,
    schema,
  );
export const ZAccessQuery = fromQuery(ZAccessFilters);
export const ZPersonAccessQuery = fromQuery(
  ZAccessFilters.extend({ person: z.string({ error: 'is required' }).uuid('must be an id') }),
);
export const ZLeaverQuery = fromQuery(ZLeaverFilters);
export const ZDormantQuery = fromQuery(
  ZDormantFilters.extend({
    days: z.coerce
      .number({ error: 'must be a number of days' })
      .pipe(ZDormantFilters.shape.days.removeDefault())
      .default(90),
  }),
);
export const ZExpiringQuery = fromQuery(
  ZExpiringFilters.extend({
    days: z.coerce.number({ error: 'must be a number of days' }).pipe(ZDays).default(30),
  }),
);

/**
 * The moment a report answers for: now, or the end of the day asked about (UTC), never later than
 * now (today's date is the current view).
 */
export function momentOf(asOf: string | undefined, now: Date): Date {
  if (!asOf) return now;
  const end = new Date(`${asOf}T23:59:59.999Z`);
  return end < now ? end : now;
}
