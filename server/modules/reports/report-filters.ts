import { GrantSource } from '@/prisma/generated/enums.ts';
import { z } from 'zod';
import { fromQuery, isCalendarDay } from '@/server/lib/query-filters.ts';

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
  .refine(isCalendarDay, 'The as-of day must be a date (YYYY-MM-DD)')
  .refine((d) => d >= '2000-01-01', 'The as-of day is before 2000')
  .refine(
    (d) => d <= new Date().toISOString().slice(0, 10),
    'The as-of day is in the future: reports answer for today or a past day',
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
