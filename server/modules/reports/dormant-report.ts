import { Prisma, type TDb } from '@/server/db/client.ts';
import type { GrantSource } from '@/prisma/generated/enums.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import type { TDormantFilters } from './report-filters.ts';

export type TDormantKey = { displayName: string; identityId: string; observedAccountId: string };

/** DORMANT: last used `days` ago or earlier; NEVER_USED: no use known, account that old; UNKNOWN: the target does not tell. */
export type TUsage = 'DORMANT' | 'NEVER_USED' | 'UNKNOWN';

export type TDormantRow = {
  observedAccountId: string;
  identityId: string;
  displayName: string;
  username: string;
  department: string | null;
  applicationId: string;
  applicationName: string;
  account: { username: string; nativeId: string };
  usage: TUsage;
  lastUsedAt: Date | null;
  /** Since the target or Gatehouse first knew the account: its creation by Gatehouse, else the first run that saw it. */
  knownSince: Date;
  /** Whole days since last use (or, never used, since known); null when the target does not tell. */
  idleDays: number | null;
  /** The application's entitlements the person holds through grants in force, each with why. */
  entitlements: Array<{ id: string; name: string; via: Array<{ source: GrantSource; role: string | null }> }>;
  /** Every grant source behind those entitlements, once each. */
  sources: GrantSource[];
};

type TRaw = Omit<TDormantRow, 'account' | 'usage' | 'idleDays' | 'sources'> & {
  accountUsername: string;
  nativeId: string;
  tells: boolean;
};

const DAY_MS = 86_400_000;

/**
 * Access nobody has used for `days`: enabled accounts of people (orphans are reconciliation's),
 * still in the target, whose last sign-in the target reported `days` ago or earlier, or that have
 * never been used and are at least that old. A target "tells" once any of its accounts has been
 * read with a last use (LDAP with the lastbind overlay, Salesforce); until then its accounts are
 * UNKNOWN, never dormant: a directory without the overlay, or a SCIM application, would otherwise
 * make everyone look unused. One query for the page and the CSV export (keyset on person, account).
 */
export async function listDormant(
  db: TDb,
  q: TDormantFilters & { cursor?: TDormantKey | null; limit?: number },
  deps: { now: Date },
) {
  const { now } = deps;
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 10_000);
  const cutoff = new Date(now.getTime() - q.days * DAY_MS);
  const held = Prisma.sql`
    SELECT e."id", e."name", json_agg(DISTINCT jsonb_build_object('source', g."source", 'role', r."name")) AS "via"
      FROM "Grant" g
      LEFT JOIN "Role" r ON r."id" = g."roleId"
      LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
      JOIN "Entitlement" e ON e."id" = COALESCE(g."entitlementId", re."entitlementId")
     WHERE g."identityId" = i."id" AND g."status" = 'ACTIVE' AND g."startsAt" <= ${now} AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
       AND e."applicationId" = o."applicationId"
     GROUP BY e."id", e."name"`;
  const since = Prisma.sql`LEAST(a."createdAt", o."firstSeenAt")`;
  const usage =
    q.usage === 'unknown'
      ? Prisma.sql`AND NOT t."tells"`
      : Prisma.sql`AND t."tells" AND ((o."lastUsedAt" IS NOT NULL AND o."lastUsedAt" <= ${cutoff}) OR (o."lastUsedAt" IS NULL AND ${since} <= ${cutoff}))`;
  const rows = await db.$queryRaw<TRaw[]>`
    WITH t AS (
      SELECT ap."id", EXISTS (SELECT 1 FROM "ObservedAccount" x WHERE x."applicationId" = ap."id" AND x."lastUsedAt" IS NOT NULL) AS "tells"
        FROM "Application" ap ${q.application ? Prisma.sql`WHERE ap."id" = ${q.application}::uuid` : Prisma.empty}
    )
    SELECT o."id"::text AS "observedAccountId", i."id"::text AS "identityId", i."displayName", i."username", i."department",
           ap."id"::text AS "applicationId", ap."name" AS "applicationName", o."username" AS "accountUsername", o."nativeId",
           o."lastUsedAt", ${since} AS "knownSince", t."tells",
           COALESCE((SELECT json_agg(h ORDER BY h."name") FROM (${held}) h), '[]') AS "entitlements"
      FROM "ObservedAccount" o
      JOIN t ON t."id" = o."applicationId"
      JOIN "Account" a ON a."id" = o."accountId"
      JOIN "Identity" i ON i."id" = a."identityId"
      JOIN "Application" ap ON ap."id" = o."applicationId"
     WHERE o."goneAt" IS NULL AND o."enabled" ${usage}
       ${q.department ? Prisma.sql`AND i."department" = ${q.department}` : Prisma.empty}
       ${q.cursor ? Prisma.sql`AND (i."displayName", i."id", o."id") > (${q.cursor.displayName}, ${q.cursor.identityId}::uuid, ${q.cursor.observedAccountId}::uuid)` : Prisma.empty}
     ORDER BY i."displayName", i."id", o."id"
     LIMIT ${limit}`;
  const out = rows.map(({ accountUsername, nativeId, tells, ...r }): TDormantRow => {
    const from = r.lastUsedAt ?? r.knownSince;
    return {
      ...r,
      account: { username: accountUsername, nativeId },
      usage: !tells ? 'UNKNOWN' : r.lastUsedAt ? 'DORMANT' : 'NEVER_USED',
      idleDays: tells ? Math.floor((now.getTime() - from.getTime()) / DAY_MS) : null,
      sources: [...new Set(r.entitlements.flatMap((e) => e.via.map((v) => v.source)))].sort(),
    };
  });
  const last = out.at(-1);
  return {
    rows: out,
    next:
      out.length === limit && last
        ? {
            displayName: last.displayName,
            identityId: last.identityId,
            observedAccountId: last.observedAccountId,
          }
        : null,
  };
}

export function allDormant(db: TDb, q: TDormantFilters, deps: { now: Date }): AsyncIterable<TDormantRow[]> {
  return keysetPages(
    async (after: TDormantKey | null, limit) =>
      (await listDormant(db, { ...q, cursor: after, limit }, deps)).rows,
    (r) => ({ displayName: r.displayName, identityId: r.identityId, observedAccountId: r.observedAccountId }),
    2000,
    { readAhead: true },
  );
}
