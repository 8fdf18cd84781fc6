import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { containsPattern } from '@/server/db/count-capped.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { listCatalogConflicts } from '@/server/modules/sod/index.ts';

export type TCatalogQuery = {
  search?: string;
  applicationId?: string;
  risk?: RiskLevel;
  cursor?: string;
  limit: number;
};

type TPageRow = {
  id: string;
  name: string;
  description: string;
  risk: RiskLevel;
  maxDurationDays: number | null;
  applicationId: string;
  applicationName: string;
  ownerId: string | null;
  ownerName: string | null;
  isHeld: boolean;
  pendingRequestId: string | null;
};

/**
 * Requestable entitlements of enabled applications, searched by name, description and application
 * name, with what the actor already holds or has asked for and which would conflict with what they
 * hold (segregation of duties). Keyset paging on (name, id): `nextCursor` is the last id of the page.
 * Two statements whatever the catalog's size (issue 14, docs/decisions/078), three with a search:
 * the page with its names, held and pending in one, found through the name index or, for a search,
 * the trigram indexes on name and description; then the page's SoD hints.
 */
export async function listCatalog(db: TDb, actor: TUserActor, q: TCatalogQuery, deps: { now?: Date } = {}) {
  const words = (q.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const filters = [
    Prisma.sql`e.requestable`,
    ...(q.applicationId ? [Prisma.sql`e."applicationId" = ${q.applicationId}::uuid`] : []),
    ...(q.risk ? [Prisma.sql`e.risk = ${q.risk}::"RiskLevel"`] : []),
    ...(q.cursor
      ? [
          Prisma.sql`(e.name, e.id) > (SELECT c.name, c.id FROM "Entitlement" c WHERE c.id = ${q.cursor}::uuid)`,
        ]
      : []),
    ...(await searchConditions(db, words)),
  ];
  const rows = await db.$queryRaw<TPageRow[]>`
    WITH page AS (
      SELECT e.id, e.name, e.description, e.risk, e."maxDurationDays", a.id AS "applicationId", a.name AS "applicationName",
             o.id AS "ownerId", o."displayName" AS "ownerName"
        FROM "Entitlement" e JOIN "Application" a ON a.id = e."applicationId" AND a.enabled
        LEFT JOIN "Identity" o ON o.id = e."ownerId"
       WHERE ${Prisma.join(filters, ' AND ')}
       ORDER BY e.name, e.id LIMIT ${q.limit + 1})
    SELECT page.id::text, page.name, page.description, page.risk::text AS risk, page."maxDurationDays",
           page."applicationId"::text, page."applicationName", page."ownerId"::text, page."ownerName",
           EXISTS (SELECT 1 FROM "Grant" g WHERE g."identityId" = ${actor.identityId}::uuid AND g.status = 'ACTIVE' AND g."entitlementId" = page.id) AS "isHeld",
           (SELECT r.id::text FROM "AccessRequest" r WHERE r."beneficiaryId" = ${actor.identityId}::uuid AND r.status = 'PENDING'
               AND r."entitlementId" = page.id ORDER BY r."createdAt" LIMIT 1) AS "pendingRequestId"
      FROM page ORDER BY page.name, page.id`;
  const page = rows.slice(0, q.limit);
  const conflicts = await listCatalogConflicts(
    db,
    actor.identityId,
    page.map((r) => r.id),
    deps.now ?? new Date(),
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      risk: r.risk,
      maxDurationDays: r.maxDurationDays,
      application: { id: r.applicationId, name: r.applicationName },
      owner: r.ownerId ? { id: r.ownerId, displayName: r.ownerName! } : null,
      isHeld: r.isHeld,
      pendingRequestId: r.pendingRequestId,
      sodConflicts: conflicts
        .filter((c) => c.entitlementId === r.id)
        .map(({ ruleName, severity }) => ({ ruleName, severity })),
    })),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}

/**
 * Each word must be in the name, the description or the application's name. The applications a word
 * names are looked up first (a few dozen rows) and given to the page's statement as literal ids, or
 * the branch is left out: asked inside the statement, the planner cannot see how few they are, takes
 * every word for a quarter of the catalog and walks the whole name index for a rare one.
 */
async function searchConditions(db: TDb, words: readonly string[]): Promise<Prisma.Sql[]> {
  if (words.length === 0) return [];
  const patterns = words.map(containsPattern);
  const apps = await db.$queryRaw<Array<{ id: string; k: number }>>`
    SELECT a.id::text, p.k::int FROM "Application" a
      JOIN unnest(${patterns}::text[]) WITH ORDINALITY AS p(pattern, k) ON a.name ILIKE p.pattern`;
  return patterns.map((pattern, i) => {
    const ids = apps.filter((a) => a.k === i + 1).map((a) => a.id);
    const byApplication = ids.length ? Prisma.sql` OR e."applicationId" = ANY(${ids}::uuid[])` : Prisma.empty;
    return Prisma.sql`(e.name ILIKE ${pattern} OR e.description ILIKE ${pattern}${byApplication})`;
  });
}

export async function listCatalogApplications(db: TDb) {
  return db.application.findMany({
    where: { enabled: true, entitlements: { some: { requestable: true } } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}
