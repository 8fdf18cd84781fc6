import type { TDb } from '@/server/db/client.ts';
import { periodPoints, type TChartPeriodRange } from './chart-range.ts';

export type TOpenSodPoint = { period: string; at: Date; open: number; blocking: number; mitigatable: number };

/**
 * Segregation-of-duties violations open at the end of each week or month of the range (or now),
 * from when each was detected and resolved; a prevented one (stopped before it happened, resolved the
 * moment it was recorded) is never open. Split by the rule's severity. One query.
 */
export async function chartOpenSodViolations(
  db: TDb,
  range: TChartPeriodRange,
  deps: { now?: Date } = {},
): Promise<TOpenSodPoint[]> {
  const now = deps.now ?? new Date();
  return db.$queryRaw<TOpenSodPoint[]>`
    WITH points AS (${periodPoints(range, now)})
    SELECT to_char(pt.period, 'YYYY-MM-DD') AS period, pt.at,
           count(v.id)::int AS open,
           count(v.id) FILTER (WHERE r.severity = 'BLOCK')::int AS blocking,
           count(v.id) FILTER (WHERE r.severity = 'MITIGATABLE')::int AS mitigatable
      FROM points pt
      LEFT JOIN "SodViolation" v ON v."detectedAt" <= pt.at AND (v."resolvedAt" IS NULL OR v."resolvedAt" > pt.at)
      LEFT JOIN "SodRule" r ON r.id = v."ruleId"
     GROUP BY pt.period, pt.at
     ORDER BY pt.period`;
}
