import type { TDb } from '@/server/db/client.ts';
import { dayAfter, type TChartRange } from './chart-range.ts';

export type TRequestsWeek = {
  weekStart: string;
  approved: number;
  denied: number;
  cancelled: number;
  expired: number;
  pending: number;
  total: number;
};

/**
 * Requests submitted per week (Monday to Sunday, UTC) in the range, by where they ended up: approved,
 * denied, cancelled, expired, or still waiting. The first and last weeks count only their days in the
 * range. Every week of the range has a row, empty ones too. One query.
 */
export async function chartRequestsPerWeek(db: TDb, range: TChartRange): Promise<TRequestsWeek[]> {
  const start = range.from;
  const end = dayAfter(range.to);
  return db.$queryRaw<TRequestsWeek[]>`
    WITH weeks AS (
      SELECT w FROM generate_series(date_trunc('week', ${start}::timestamp), ${end}::timestamp - interval '1 millisecond', interval '1 week') AS w
    )
    SELECT to_char(weeks.w, 'YYYY-MM-DD') AS "weekStart",
           count(r.id) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
           count(r.id) FILTER (WHERE r.status = 'DENIED')::int AS denied,
           count(r.id) FILTER (WHERE r.status = 'CANCELLED')::int AS cancelled,
           count(r.id) FILTER (WHERE r.status = 'EXPIRED')::int AS expired,
           count(r.id) FILTER (WHERE r.status = 'PENDING')::int AS pending,
           count(r.id)::int AS total
      FROM weeks
      LEFT JOIN "AccessRequest" r
        ON r."createdAt" >= GREATEST(weeks.w, ${start}::timestamp)
       AND r."createdAt" < LEAST(weeks.w + interval '1 week', ${end}::timestamp)
     GROUP BY weeks.w
     ORDER BY weeks.w`;
}
