import type { Prisma, TDb } from '@/server/db/client.ts';

/** How many people with held changes an application names; the count covers them all. */
export const HELD_NAMED = 5;

export type THeldPair = { identityId: string; applicationId: string };

/**
 * planAccess commits nothing to a disabled application, so without a mark its revocations, leavers
 * and new grants there would show nowhere until it is enabled. The marks of the people a plan covers
 * become exactly the applications where it left their changes unapplied: new ones are added (keeping
 * the first `since`), the ones it settled or that no longer differ are deleted. One statement in the
 * plan's transaction, whatever the number of people; the planned people are locked already, so two
 * plans never write one person's marks at once (docs/decisions/111).
 */
export async function markHeldAccess(
  tx: Prisma.TransactionClient,
  identityIds: readonly string[],
  held: readonly THeldPair[],
  now: Date,
) {
  await tx.$executeRaw`
    WITH held AS (
      SELECT v."identityId", v."applicationId"
        FROM jsonb_to_recordset(${JSON.stringify(held)}::jsonb) AS v("identityId" uuid, "applicationId" uuid)
    ), settled AS (
      DELETE FROM "HeldAccess" h
       WHERE h."identityId" = ANY(${identityIds}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM held WHERE held."identityId" = h."identityId" AND held."applicationId" = h."applicationId")
    )
    INSERT INTO "HeldAccess" ("applicationId", "identityId", "since")
    SELECT "applicationId", "identityId", ${now} FROM held
    ON CONFLICT ("applicationId", "identityId") DO NOTHING`;
}

export type THeldSummary = {
  count: number;
  since: Date | null;
  people: Array<{ id: string; displayName: string }>;
};

export const NOTHING_HELD: THeldSummary = { count: 0, since: null, people: [] };

/**
 * What each of these applications holds back: how many people have changes waiting and the first
 * few of them (longest waiting first). Two statements whatever the number of applications, reading
 * only the marks (O(held), never the application's people).
 */
export async function summariseHeldAccess(
  db: TDb,
  applicationIds: readonly string[],
): Promise<Map<string, THeldSummary>> {
  const out = new Map<string, THeldSummary>();
  if (applicationIds.length === 0) return out;
  const counts = await db.$queryRaw<Array<{ applicationId: string; count: number; since: Date }>>`
    SELECT "applicationId"::text AS "applicationId", count(*)::int AS count, min("since") AS since
      FROM "HeldAccess" WHERE "applicationId" = ANY(${applicationIds}::uuid[])
     GROUP BY "applicationId"`;
  if (counts.length === 0) return out;
  const named = await db.$queryRaw<Array<{ applicationId: string; id: string; displayName: string }>>`
    SELECT a.id::text AS "applicationId", p.id::text AS id, p."displayName"
      FROM unnest(${counts.map((c) => c.applicationId)}::uuid[]) AS a(id)
      CROSS JOIN LATERAL (
        SELECT i.id, i."displayName" FROM "HeldAccess" h JOIN "Identity" i ON i.id = h."identityId"
         WHERE h."applicationId" = a.id ORDER BY h."since", i."displayName", i.id LIMIT ${HELD_NAMED}
      ) p`;
  for (const c of counts)
    out.set(c.applicationId, {
      count: c.count,
      since: c.since,
      people: named
        .filter((n) => n.applicationId === c.applicationId)
        .map((n) => ({ id: n.id, displayName: n.displayName })),
    });
  return out;
}
