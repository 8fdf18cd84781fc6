import { Prisma, type TDb } from '@/server/db/client.ts';
import type { IdentityStatus, RiskLevel } from '@/prisma/generated/enums.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import { roleRiskSql } from '@/server/lib/role-risk-query.ts';
import { describeGrants, type TGrantWhy } from '@/server/modules/reviews/index.ts';
import type { TExpiringFilters } from './report-filters.ts';

export type TExpiringKey = { endsAt: Date; grantId: string };

export type TExpiringRow = {
  grantId: string;
  identityId: string;
  displayName: string;
  username: string;
  department: string | null;
  identityStatus: IdentityStatus;
  /** The entitlement, or the role, the grant gives. */
  item: {
    kind: 'ENTITLEMENT' | 'ROLE';
    id: string;
    name: string;
    risk: RiskLevel;
    applicationName: string | null;
  };
  endsAt: Date;
  /** Whole days from now until it ends, rounded up: 1 means within the next 24 hours. */
  daysLeft: number;
  why: TGrantWhy | null;
};

type TRaw = Omit<TExpiringRow, 'item' | 'why' | 'daysLeft'> & {
  itemKind: 'ENTITLEMENT' | 'ROLE';
  itemId: string;
  itemName: string;
  risk: RiskLevel;
  applicationName: string | null;
};

const DAY_MS = 86_400_000;

/**
 * Access that ends within the next `days` days unless someone extends it: grants still in force
 * (ACTIVE, end date ahead) soonest first, with why. Ends that are already past are the expiry
 * sweep's, not a forecast.
 */
export async function listExpiring(
  db: TDb,
  q: TExpiringFilters & { cursor?: TExpiringKey | null; limit?: number },
  deps: { now: Date },
) {
  const { now } = deps;
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 10_000);
  const horizon = new Date(now.getTime() + q.days * DAY_MS);
  const rows = await db.$queryRaw<TRaw[]>`
    SELECT g."id" AS "grantId", g."endsAt", i."id" AS "identityId", i."displayName", i."username", i."department", i."status" AS "identityStatus",
           CASE WHEN g."entitlementId" IS NOT NULL THEN 'ENTITLEMENT' ELSE 'ROLE' END AS "itemKind",
           COALESCE(e."id", r."id") AS "itemId", COALESCE(e."name", r."name") AS "itemName", COALESCE(e."risk", ${roleRiskSql('r')}) AS "risk", ea."name" AS "applicationName"
      FROM "Grant" g
      JOIN "Identity" i ON i."id" = g."identityId"
      LEFT JOIN "Entitlement" e ON e."id" = g."entitlementId"
      LEFT JOIN "Application" ea ON ea."id" = e."applicationId"
      LEFT JOIN "Role" r ON r."id" = g."roleId"
     WHERE g."status" = 'ACTIVE' AND g."endsAt" > ${now} AND g."endsAt" <= ${horizon}
       ${q.source ? Prisma.sql`AND g."source" = ${q.source}::"GrantSource"` : Prisma.empty}
       ${q.department ? Prisma.sql`AND i."department" = ${q.department}` : Prisma.empty}
       ${
         q.application
           ? Prisma.sql`AND (e."applicationId" = ${q.application}::uuid OR EXISTS (SELECT 1 FROM "RoleEntitlement" re JOIN "Entitlement" x ON x."id" = re."entitlementId" WHERE re."roleId" = g."roleId" AND x."applicationId" = ${q.application}::uuid))`
           : Prisma.empty
       }
       ${q.cursor ? Prisma.sql`AND (g."endsAt", g."id") > (${q.cursor.endsAt}, ${q.cursor.grantId}::uuid)` : Prisma.empty}
     ORDER BY g."endsAt", g."id"
     LIMIT ${limit}`;
  const whys = await describeGrants(
    db,
    rows.map((r) => r.grantId),
  );
  const out: TExpiringRow[] = rows.map(({ itemKind, itemId, itemName, risk, applicationName, ...r }) => ({
    ...r,
    item: { kind: itemKind, id: itemId, name: itemName, risk, applicationName },
    daysLeft: Math.ceil((r.endsAt.getTime() - now.getTime()) / DAY_MS),
    why: whys.get(r.grantId) ?? null,
  }));
  const last = out.at(-1);
  return {
    rows: out,
    next: out.length === limit && last ? { endsAt: last.endsAt, grantId: last.grantId } : null,
  };
}

export function allExpiring(
  db: TDb,
  q: TExpiringFilters,
  deps: { now: Date },
): AsyncIterable<TExpiringRow[]> {
  return keysetPages(
    async (after: TExpiringKey | null, limit) =>
      (await listExpiring(db, { ...q, cursor: after, limit }, deps)).rows,
    (r) => ({ endsAt: r.endsAt, grantId: r.grantId }),
    5000,
    { readAhead: true },
  );
}
