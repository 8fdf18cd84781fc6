import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';

/**
 * Which review items a person may decide: those assigned to them, those assigned to a team they are
 * a member of, and, for the identity team (`reviews.manage`), the fallback items nobody else could be
 * found for (no reviewer and no team: a person without a manager, an entitlement without an owner).
 * Never their own access: nobody certifies what they hold themselves, so it never reaches their queue.
 */
export type TMyReviewScope = { identityId: string; teamIds: string[]; isIdentityTeam: boolean };

export async function myReviewScope(db: TDb, actor: TUserActor): Promise<TMyReviewScope> {
  const teams = await db.teamMember.findMany({ where: { identityId: actor.identityId }, select: { teamId: true } });
  return {
    identityId: actor.identityId,
    teamIds: teams.map((t) => t.teamId),
    isIdentityTeam: hasPermission(actor, 'reviews.manage'),
  };
}

/** The SQL condition that an item aliased `i` is assigned to the scope's person now (any status). */
export function assignedToMe(scope: TMyReviewScope): Prisma.Sql {
  const ways = [Prisma.sql`i."reviewerId" = ${scope.identityId}::uuid`];
  if (scope.teamIds.length) ways.push(Prisma.sql`i."reviewerTeamId" = ANY(${scope.teamIds}::uuid[])`);
  if (scope.isIdentityTeam) ways.push(Prisma.sql`(i."reviewerId" IS NULL AND i."reviewerTeamId" IS NULL)`);
  return Prisma.sql`((${Prisma.join(ways, ' OR ')}) AND i."identityId" <> ${scope.identityId}::uuid)`;
}

/** Items waiting for the scope's person: pending, assigned to them, in a running campaign (`c`). */
export function waitingForMe(scope: TMyReviewScope): Prisma.Sql {
  return Prisma.sql`(i."status" = 'PENDING' AND c."status" = 'ACTIVE' AND ${assignedToMe(scope)})`;
}

/**
 * Items that are the scope's person's work in a campaign, waiting or done: assigned to them now, or
 * decided by them at some stage (kept at stage 1 by the manager, the item moved on to the owner).
 */
export function mineCondition(scope: TMyReviewScope): Prisma.Sql {
  return Prisma.sql`(${assignedToMe(scope)} OR EXISTS (
    SELECT 1 FROM "ReviewDecision" d WHERE d."itemId" = i."id" AND d."deciderId" = ${scope.identityId}::uuid))`;
}
