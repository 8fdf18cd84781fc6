import { Prisma, type TDb } from '@/server/db/client.ts';
import type { GrantSource, IdentityStatus, MembershipStatus } from '@/prisma/generated/enums.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import type { TLeaverFilters } from './report-filters.ts';

export type TLeaverKey = { displayName: string; identityId: string };

export type TLeaverRow = {
  identityId: string;
  displayName: string;
  username: string;
  department: string | null;
  status: IdentityStatus;
  endDate: Date | null;
  terminatedAt: Date | null;
  /** Grants still ACTIVE and not past their end: the kill switch revokes every grant of a leaver. */
  grants: Array<{
    grantId: string;
    item: string;
    applicationName: string | null;
    source: GrantSource;
    startsAt: Date;
  }>;
  /** Accounts Gatehouse still plans enabled (their application's leaver action disables or deletes them). */
  accounts: Array<{ applicationName: string; username: string; nativeId: string | null }>;
  /** Memberships still committed to a target, confirmed or in flight. */
  memberships: Array<{ applicationName: string; entitlementName: string; status: MembershipStatus }>;
};

type TRaw = Omit<TLeaverRow, 'grants'> & {
  grants: Array<Omit<TLeaverRow['grants'][number], 'startsAt'> & { startsAt: string }>;
};

/**
 * Leavers who still hold something: people marked TERMINATED, or whose end date has passed (a day
 * later, as the lifecycle sweep counts it) before any source said so, with active grants, enabled
 * accounts or memberships still committed. Each should be empty: what is listed is a gap.
 */
export async function listLeavers(
  db: TDb,
  q: TLeaverFilters & { cursor?: TLeaverKey | null; limit?: number },
  deps: { now: Date },
) {
  const { now } = deps;
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 10_000);
  const app = (col: string) =>
    q.application ? Prisma.sql`AND ${Prisma.raw(col)} = ${q.application}::uuid` : Prisma.empty;
  const grantsOf = Prisma.sql`
    SELECT g."id" AS "grantId", COALESCE(e."name", r."name") AS "item", ea."name" AS "applicationName", g."source", g."startsAt"
      FROM "Grant" g LEFT JOIN "Entitlement" e ON e."id" = g."entitlementId" LEFT JOIN "Application" ea ON ea."id" = e."applicationId" LEFT JOIN "Role" r ON r."id" = g."roleId"
     WHERE g."identityId" = i."id" AND g."status" = 'ACTIVE' AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
       ${q.application ? Prisma.sql`AND (e."applicationId" = ${q.application}::uuid OR EXISTS (SELECT 1 FROM "RoleEntitlement" re JOIN "Entitlement" x ON x."id" = re."entitlementId" WHERE re."roleId" = g."roleId" AND x."applicationId" = ${q.application}::uuid))` : Prisma.empty}`;
  const accountsOf = Prisma.sql`
    SELECT aa."name" AS "applicationName", a."username", a."nativeId" FROM "Account" a JOIN "Application" aa ON aa."id" = a."applicationId"
     WHERE a."identityId" = i."id" AND a."status" = 'ACTIVE' ${app('a."applicationId"')}`;
  const membershipsOf = Prisma.sql`
    SELECT aa."name" AS "applicationName", e."name" AS "entitlementName", m."status"
      FROM "Account" a JOIN "AccountEntitlement" m ON m."accountId" = a."id" JOIN "Entitlement" e ON e."id" = m."entitlementId" JOIN "Application" aa ON aa."id" = a."applicationId"
     WHERE a."identityId" = i."id" ${app('a."applicationId"')}`;
  const rows = await db.$queryRaw<TRaw[]>`
    SELECT i."id" AS "identityId", i."displayName", i."username", i."department", i."status", i."endDate", i."terminatedAt",
           COALESCE((SELECT json_agg(x ORDER BY x."startsAt") FROM (${grantsOf}) x), '[]') AS "grants",
           COALESCE((SELECT json_agg(x ORDER BY x."applicationName") FROM (${accountsOf}) x), '[]') AS "accounts",
           COALESCE((SELECT json_agg(x ORDER BY x."applicationName", x."entitlementName") FROM (${membershipsOf}) x), '[]') AS "memberships"
      FROM "Identity" i
     WHERE (i."status" = 'TERMINATED' OR (i."endDate" IS NOT NULL AND i."endDate" + interval '1 day' <= ${now}))
       ${q.department ? Prisma.sql`AND i."department" = ${q.department}` : Prisma.empty}
       ${q.cursor ? Prisma.sql`AND (i."displayName", i."id") > (${q.cursor.displayName}, ${q.cursor.identityId}::uuid)` : Prisma.empty}
       AND (EXISTS (${grantsOf}) OR EXISTS (${accountsOf}) OR EXISTS (${membershipsOf}))
     ORDER BY i."displayName", i."id"
     LIMIT ${limit}`;
  const leavers = rows.map((r) => ({
    ...r,
    grants: r.grants.map((g) => ({ ...g, startsAt: new Date(`${g.startsAt}Z`) })),
  }));
  const last = leavers.at(-1);
  return {
    rows: leavers,
    next:
      leavers.length === limit && last
        ? { displayName: last.displayName, identityId: last.identityId }
        : null,
  };
}

export function allLeavers(db: TDb, q: TLeaverFilters, deps: { now: Date }): AsyncIterable<TLeaverRow[]> {
  return keysetPages(
    async (after: TLeaverKey | null, limit) =>
      (await listLeavers(db, { ...q, cursor: after, limit }, deps)).rows,
    (r) => ({ displayName: r.displayName, identityId: r.identityId }),
    2000,
    { readAhead: true },
  );
}
