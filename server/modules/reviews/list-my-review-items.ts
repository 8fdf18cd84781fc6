import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import type { ReviewDecisionKind, ReviewItemStatus, RiskLevel } from '@/prisma/generated/enums.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';
import { roleRiskSql } from '@/server/lib/role-risk-query.ts';
import { mineCondition, myReviewScope, waitingForMe } from './my-review-scope.ts';
import { readReviewItemContext, type TReviewItemView } from './review-item-context.ts';
import { otherGrantsHolding, revokeNote, type TOtherGrant } from './held-through.ts';

export type TMyQueueFilters = {
  campaignId?: string | undefined;
  /** WAITING: still mine to decide (the default); DONE: decided by me or no longer waiting; ALL. */
  status?: 'WAITING' | 'DONE' | 'ALL' | undefined;
  text?: string | undefined;
  /** The order that keeps a group's items together: by person, or by entitlement / role. */
  groupBy?: 'PERSON' | 'ENTITLEMENT' | undefined;
  limit?: number | undefined;
};

export type TMyReviewItem = {
  id: string;
  campaign: { id: string; name: string; dueAt: Date };
  status: ReviewItemStatus;
  /** Whether it waits for the reader's decision now. */
  isWaiting: boolean;
  stage: number;
  person: {
    id: string;
    displayName: string;
    username: string;
    title: string | null;
    department: string | null;
  };
  entitlement: { id: string; name: string } | null;
  role: { id: string; name: string } | null;
  application: { id: string; name: string } | null;
  risk: RiskLevel;
  grantedAt: Date;
  context: Omit<TReviewItemView, 'risk'>;
  recommendation: string | null;
  /**
   * The other grants through which the person holds the same access: now for a waiting item, at
   * the revocation for a revoked one (what kept it); empty for the rest.
   */
  alsoHeldThrough: TOtherGrant[];
  /** What revoking does when another grant keeps the access, said before deciding; else null. */
  revokeNote: string | null;
  decidedAt: Date | null;
  lastDecision: { decision: ReviewDecisionKind; comment: string | null; by: string | null; at: Date } | null;
};

type TRow = Omit<
  TMyReviewItem,
  | 'campaign'
  | 'person'
  | 'entitlement'
  | 'role'
  | 'application'
  | 'context'
  | 'lastDecision'
  | 'isWaiting'
  | 'alsoHeldThrough'
  | 'revokeNote'
> & {
  grantId: string;
  revokedAt: Date | null;
  campaignId: string;
  campaignName: string;
  dueAt: Date;
  isWaiting: boolean;
  personId: string;
  personName: string;
  username: string;
  title: string | null;
  department: string | null;
  entitlementId: string | null;
  entitlementName: string | null;
  roleId: string | null;
  roleName: string | null;
  applicationId: string | null;
  applicationName: string | null;
  context: unknown;
  lastDecision: ReviewDecisionKind | null;
  lastComment: string | null;
  lastBy: string | null;
  lastAt: Date | null;
};

export const MY_QUEUE_MAX = 500;

/**
 * The reviewer's queue: the items that are theirs (my-review-scope.ts) with who, what, risk, the
 * context snapshot and the recommendation, ordered so a group (a person, or an entitlement) stays
 * together; at most `limit` rows (the page asks for more with "show more") and the total that match.
 */
export async function listMyReviewItems(db: TDb, actor: TUserActor, q: TMyQueueFilters) {
  const scope = await myReviewScope(db, actor);
  const limit = Math.min(Math.max(q.limit ?? 200, 1), MY_QUEUE_MAX);
  const waiting = waitingForMe(scope);
  const where = [Prisma.sql`c."status" IN ('ACTIVE', 'CLOSED')`, mineCondition(scope)];
  const status = q.status ?? 'WAITING';
  if (status === 'WAITING') where.push(waiting);
  if (status === 'DONE') where.push(Prisma.sql`NOT ${waiting}`);
  if (q.campaignId) where.push(Prisma.sql`i."campaignId" = ${q.campaignId}::uuid`);
  if (q.text) {
    const like = `%${likeLiteral(q.text)}%`;
    where.push(Prisma.sql`(p."displayName" ILIKE ${like} OR p."username" ILIKE ${like} OR e."name" ILIKE ${like}
      OR r."name" ILIKE ${like} OR a."name" ILIKE ${like})`);
  }
  const what = Prisma.sql`coalesce(e."name", r."name")`;
  const order =
    q.groupBy === 'ENTITLEMENT'
      ? Prisma.sql`${what}, coalesce(i."entitlementId", i."roleId"), p."displayName", i."id"`
      : Prisma.sql`p."displayName", i."identityId", ${what}, i."id"`;
  const condition = Prisma.join(where, ' AND ');
  const from = Prisma.sql`
      FROM "ReviewItem" i
      JOIN "ReviewCampaign" c ON c."id" = i."campaignId"
      JOIN "Identity" p ON p."id" = i."identityId"
      LEFT JOIN "Entitlement" e ON e."id" = i."entitlementId"
      LEFT JOIN "Role" r ON r."id" = i."roleId"
      LEFT JOIN "Application" a ON a."id" = e."applicationId"`;
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<TRow[]>`
      SELECT i."id", i."status", i."stage", i."recommendation", i."decidedAt", i."revokedAt", i."context",
             i."grantId"::text AS "grantId",
             ${waiting} AS "isWaiting",
             c."id" AS "campaignId", c."name" AS "campaignName", c."dueAt",
             p."id" AS "personId", p."displayName" AS "personName", p."username", p."title", p."department",
             e."id" AS "entitlementId", e."name" AS "entitlementName", r."id" AS "roleId", r."name" AS "roleName",
             a."id" AS "applicationId", a."name" AS "applicationName",
             coalesce(e."risk", ${roleRiskSql('r')}, 'LOW') AS "risk", g."startsAt" AS "grantedAt",
             d."decision" AS "lastDecision", d."comment" AS "lastComment", dp."displayName" AS "lastBy", d."decidedAt" AS "lastAt"
      ${from}
      JOIN "Grant" g ON g."id" = i."grantId"
      LEFT JOIN LATERAL (SELECT * FROM "ReviewDecision" x WHERE x."itemId" = i."id" ORDER BY x."decidedAt" DESC LIMIT 1) d ON TRUE
      LEFT JOIN "Identity" dp ON dp."id" = d."deciderId"
      WHERE ${condition}
      ORDER BY ${order}
      LIMIT ${limit}`,
    db.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS "total" ${from} WHERE ${condition}`,
  ]);
  const now = new Date();
  const moment = (r: TRow) =>
    r.status === 'PENDING' ? now : r.status === 'REVOKED' ? (r.revokedAt ?? r.decidedAt) : null;
  const others = await otherGrantsHolding(
    db,
    rows.flatMap((r) => {
      const at = moment(r);
      return at
        ? [
            {
              grantId: r.grantId,
              identityId: r.personId,
              entitlementId: r.entitlementId,
              roleId: r.roleId,
              at,
            },
          ]
        : [];
    }),
  );
  return { rows: rows.map((r) => toItem(r, others.get(r.grantId) ?? [])), total: count?.total ?? 0 };
}

function toItem(r: TRow, alsoHeldThrough: TOtherGrant[]): TMyReviewItem {
  // The risk as the campaign saw it at its start decides whether keeping needs a comment (the engine
  // checks that one); today's catalogue risk only when the snapshot does not say.
  const { risk, ...context } = readReviewItemContext(r.context);
  return {
    id: r.id,
    campaign: { id: r.campaignId, name: r.campaignName, dueAt: r.dueAt },
    status: r.status,
    isWaiting: r.isWaiting,
    stage: r.stage,
    person: {
      id: r.personId,
      displayName: r.personName,
      username: r.username,
      title: r.title,
      department: r.department,
    },
    entitlement: r.entitlementId ? { id: r.entitlementId, name: r.entitlementName ?? '' } : null,
    role: r.roleId ? { id: r.roleId, name: r.roleName ?? '' } : null,
    application: r.applicationId ? { id: r.applicationId, name: r.applicationName ?? '' } : null,
    risk: risk ?? r.risk,
    grantedAt: r.grantedAt,
    context,
    recommendation: r.recommendation,
    alsoHeldThrough,
    revokeNote:
      r.status === 'PENDING'
        ? revokeNote(r.personName, r.entitlementName ?? r.roleName ?? 'the access', alsoHeldThrough)
        : null,
    decidedAt: r.decidedAt,
    lastDecision:
      r.lastDecision && r.lastAt
        ? { decision: r.lastDecision, comment: r.lastComment, by: r.lastBy, at: r.lastAt }
        : null,
  };
}
