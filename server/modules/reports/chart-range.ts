import { z } from 'zod';
import { Prisma } from '@/server/db/client.ts';
import { isCalendarDay } from '@/server/lib/query-filters.ts';

const ZDay = z.string().refine(isCalendarDay, 'is not a date (YYYY-MM-DD)');
const DAY_MS = 86_400_000;
/** Two years of weeks is as much as a chart shows legibly (and as much as its one query computes). */
export const MAX_CHART_DAYS = 731;

/** A chart's date range: UTC calendar days, both included. */
export const CHART_RANGE = { from: ZDay, to: ZDay };
export const checkChartRange = (v: { from: string; to: string }, ctx: z.RefinementCtx) => {
  const days = (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / DAY_MS;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before the start of the range' });
  else if (days >= MAX_CHART_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `makes the range longer than ${MAX_CHART_DAYS} days`,
    });
};
export const ZChartRange = z.object(CHART_RANGE).superRefine(checkChartRange);
export const ZChartPeriodRange = z
  .object({ ...CHART_RANGE, by: z.enum(['week', 'month']) })
  .superRefine(checkChartRange);
export type TChartRange = z.output<typeof ZChartRange>;
export type TChartPeriodRange = z.output<typeof ZChartPeriodRange>;

/** The day after `day` (YYYY-MM-DD): a range's end, exclusive. */
export const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** A moment as the database's UTC timestamps are compared with it. */
export const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * A CTE body: one row per week or month touching the range (`period`, its first day, weeks starting
 * on Monday) with `at`, the moment its value is read: the period's end, or the range's end or now if
 * those come first. Periods that have not begun yet are left out: nothing is known about them.
 */
export function periodPoints(r: TChartPeriodRange, now: Date) {
  const step = r.by === 'week' ? Prisma.sql`interval '1 week'` : Prisma.sql`interval '1 month'`;
  const unit = r.by === 'week' ? 'week' : 'month';
  const end = Prisma.sql`${dayAfter(r.to)}::timestamp`;
  return Prisma.sql`
    SELECT p AS period, LEAST(p + ${step}, ${end}, ${utc(now)}) AS at
      FROM generate_series(date_trunc(${unit}, ${r.from}::timestamp), ${end} - interval '1 millisecond', ${step}) AS p
     WHERE p <= ${utc(now)}`;
}
