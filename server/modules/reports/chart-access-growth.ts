import type { TDb } from '@/server/db/client.ts';
import { periodPoints, type TChartPeriodRange } from './chart-range.ts';

export type TAccessGrowthPoint = {
  period: string;
  at: Date;
  applicationId: string;
  applicationName: string;
  grants: number;
};

/**
 * Grants in force per application at the end of each week or month of the range (or now, for the
 * period that has not ended), from the grants' own history (docs/decisions/050): a grant counts from
 * its start until it ended or its end date passed; a role's grant counts in each application whose
 * entitlements the role bundled at that moment, once per application. One row per period and
 * application that held any grant in the range. One query.
 */
export async function chartAccessGrowth(
  db: TDb,
  range: TChartPeriodRange,
  deps: { now?: Date } = {},
): Promise<TAccessGrowthPoint[]> {
  const now = deps.now ?? new Date();
  return db.$queryRaw<TAccessGrowthPoint[]>`
    WITH points AS (${periodPoints(range, now)}),
    live AS (
      SELECT pt.period, x."applicationId", count(DISTINCT x."grantId")::int AS grants
        FROM points pt
        CROSS JOIN LATERAL (
          SELECT g.id AS "grantId", e."applicationId"
            FROM "Grant" g JOIN "Entitlement" e ON e.id = g."entitlementId"
           WHERE g."startsAt" <= pt.at AND (LEAST(g."endedAt", g."endsAt") IS NULL OR LEAST(g."endedAt", g."endsAt") > pt.at)
          UNION ALL
          SELECT g.id, e."applicationId"
            FROM "Grant" g
            JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId"
            JOIN "Entitlement" e ON e.id = rp."entitlementId"
           WHERE g."startsAt" <= pt.at AND (LEAST(g."endedAt", g."endsAt") IS NULL OR LEAST(g."endedAt", g."endsAt") > pt.at)
             AND rp."startedAt" <= pt.at AND (rp."endedAt" IS NULL OR rp."endedAt" > pt.at)
        ) x
       GROUP BY pt.period, x."applicationId"
    ), apps AS (
      SELECT DISTINCT "applicationId" FROM live
    )
    SELECT to_char(pt.period, 'YYYY-MM-DD') AS period, pt.at, a.id AS "applicationId", a.name AS "applicationName", COALESCE(l.grants, 0)::int AS grants
      FROM points pt
      CROSS JOIN apps
      JOIN "Application" a ON a.id = apps."applicationId"
      LEFT JOIN live l ON l.period = pt.period AND l."applicationId" = apps."applicationId"
     ORDER BY pt.period, a.name, a.id`;
}
