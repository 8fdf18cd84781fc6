import { z } from 'zod';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { pageCursorCodec } from '@/server/lib/page-cursor.ts';
import { runAll } from '@/server/db/run-all.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';
import { roleRiskSql } from '@/server/lib/role-risk-query.ts';

export const INBOX_SORTS = ['OLDEST', 'NEWEST', 'RISK', 'DUE'] as const;
export type TInboxSort = (typeof INBOX_SORTS)[number];

/** Where a page ends: the row's two sort keys (numeric, as text so nothing is rounded) and its id. */
const ZInboxPosition = z.object({
  k1: z
    .string()
    .max(40)
    .regex(/^-?(\d+(\.\d+)?|Infinity)$/),
  k2: z
    .string()
    .max(40)
    .regex(/^-?\d+(\.\d+)?$/),
  id: z.uuid(),
});

/**
 * Each list and each order of the inbox has its own cursor: a position in one order (a risk level
 * and a time) means nothing in another, and would silently skip or repeat steps there.
 */
const inboxCursors = (status: TInboxFilters['status'], sort: TInboxSort) =>
  pageCursorCodec(`approval inbox (${status}, ${sort})`, ZInboxPosition);

export type TInboxFilters = {
  status: 'PENDING' | 'DECIDED';
  risk?: 'LOW' | 'MEDIUM' | 'HIGH' | null;
  applicationId?: string | null;
  /** The requester or the beneficiary. */
  personId?: string | null;
  /** One request (a notification's link opens it). */
  requestId?: string | null;
  /** Words over the people's names, the item, its application and the justification. */
  text?: string | null;
};

export type TInboxQuery = TInboxFilters & { sort?: TInboxSort; cursor?: string | null; limit: number };

/**
 * Each sort is two ascending numeric keys and the step id, so one row comparison pages every order:
 * oldest or newest (by when the step was created; a decided list by when it was decided), riskiest
 * first (then oldest), or the stage's due date first (none due last, then oldest).
 */
function sortKeys(sort: TInboxSort, status: TInboxFilters['status']): { k1: Prisma.Sql; k2: Prisma.Sql } {
  const at =
    status === 'PENDING' ? Prisma.sql`s."createdAt"` : Prisma.sql`COALESCE(s."decidedAt", s."createdAt")`;
  const epoch = Prisma.sql`extract(epoch FROM ${at})`;
  switch (sort) {
    case 'NEWEST':
      return { k1: Prisma.sql`0::numeric`, k2: Prisma.sql`-${epoch}` };
    case 'RISK':
      return {
        k1: Prisma.sql`-(CASE COALESCE(e.risk, ${roleRiskSql('ro')})::text WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END)::numeric`,
        k2: epoch,
      };
    case 'DUE':
      return { k1: Prisma.sql`extract(epoch FROM COALESCE(st."dueAt", 'infinity'::timestamp))`, k2: epoch };
    case 'OLDEST':
      return { k1: Prisma.sql`0::numeric`, k2: epoch };
  }
}

/** The actor's steps (theirs and those of people they stand in for; or the ones they decided), filtered. */
function inboxConditions(actorId: string, onBehalfOf: string[], q: TInboxFilters): Prisma.Sql[] {
  const where =
    q.status === 'PENDING'
      ? [
          Prisma.sql`s."approverId" = ANY(${[actorId, ...onBehalfOf]}::uuid[])`,
          Prisma.sql`s.status = 'PENDING' AND st.status = 'PENDING' AND r.status = 'PENDING'`,
        ]
      : [Prisma.sql`s."decidedById" = ${actorId}::uuid`, Prisma.sql`s.status IN ('APPROVED', 'DENIED')`];
  if (q.risk) where.push(Prisma.sql`COALESCE(e.risk, ${roleRiskSql('ro')})::text = ${q.risk}`);
  if (q.applicationId) where.push(Prisma.sql`e."applicationId" = ${q.applicationId}::uuid`);
  if (q.personId)
    where.push(
      Prisma.sql`(r."beneficiaryId" = ${q.personId}::uuid OR r."requesterId" = ${q.personId}::uuid)`,
    );
  if (q.requestId) where.push(Prisma.sql`r.id = ${q.requestId}::uuid`);
  for (const word of (q.text ?? '').split(/\s+/).filter(Boolean)) {
    const like = `%${likeLiteral(word)}%`;
    where.push(Prisma.sql`(b."displayName" ILIKE ${like} OR b.username ILIKE ${like} OR q."displayName" ILIKE ${like} OR q.username ILIKE ${like}
      OR e.name ILIKE ${like} OR ro.name ILIKE ${like} OR a.name ILIKE ${like} OR r.justification ILIKE ${like})`);
  }
  return where;
}

const FROM = Prisma.sql`
  FROM "ApprovalStep" s
  JOIN "ApprovalStage" st ON st.id = s."stageId"
  JOIN "AccessRequest" r ON r.id = s."requestId"
  JOIN "Identity" b ON b.id = r."beneficiaryId"
  JOIN "Identity" q ON q.id = r."requesterId"
  LEFT JOIN "Entitlement" e ON e.id = r."entitlementId"
  LEFT JOIN "Application" a ON a.id = e."applicationId"
  LEFT JOIN "Role" ro ON ro.id = r."roleId"`;

/** One page of step ids in the chosen order (one statement), and the cursor of the page after it. */
export async function findInboxPage(
  db: TDb,
  actorId: string,
  onBehalfOf: string[],
  q: TInboxQuery,
): Promise<{ ids: string[]; next: string | null }> {
  const sort = q.sort ?? (q.status === 'PENDING' ? 'OLDEST' : 'NEWEST');
  const cursors = inboxCursors(q.status, sort);
  const { k1, k2 } = sortKeys(sort, q.status);
  const where = inboxConditions(actorId, onBehalfOf, q);
  const after = q.cursor ? cursors.decode(q.cursor) : null;
  if (after)
    where.push(
      Prisma.sql`(${k1}, ${k2}, s.id) > (${after.k1}::numeric, ${after.k2}::numeric, ${after.id}::uuid)`,
    );
  const rows = await db.$queryRaw<Array<{ id: string; k1: string; k2: string }>>`
    SELECT s.id::text AS id, (${k1})::text AS k1, (${k2})::text AS k2
    ${FROM}
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${k1}, ${k2}, s.id
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    ids: page.map((r) => r.id),
    next: rows.length > q.limit && last ? cursors.encode({ k1: last.k1, k2: last.k2, id: last.id }) : null,
  };
}

/** The applications and people of the actor's queue (all of it, unfiltered): the filter's choices. */
export async function findInboxFacets(
  db: TDb,
  actorId: string,
  onBehalfOf: string[],
  status: TInboxFilters['status'],
) {
  const where = Prisma.join(inboxConditions(actorId, onBehalfOf, { status }), ' AND ');
  const [applications, people] = await runAll(db, [
    () =>
      db.$queryRaw<Array<{ id: string; name: string }>>`
      SELECT DISTINCT a.id::text AS id, a.name ${FROM} WHERE ${where} AND a.id IS NOT NULL ORDER BY a.name`,
    () =>
      db.$queryRaw<Array<{ id: string; displayName: string }>>`
      SELECT DISTINCT p.id::text AS id, p."displayName" ${FROM}
      JOIN "Identity" p ON p.id IN (r."beneficiaryId", r."requesterId")
      WHERE ${where} ORDER BY p."displayName"`,
  ] as const);
  return { applications, people };
}
