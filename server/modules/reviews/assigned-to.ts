import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { Prisma, TDb } from '@/server/db/client.ts';

/**
 * The one rule for "whose item is it": what a reviewer's queue lists and what decideReviewItems lets
 * them decide. Their own items, their teams' items, and (for those who may manage reviews: the identity team, through a token only if its subset
 * says so) the items nobody else can decide — never an item about their own access; only PENDING items of ACTIVE campaigns.
 */
export async function itemsAssignedTo(db: TDb, actor: TUserActor): Promise<Prisma.ReviewItemWhereInput> {
  const teamIds = (
    await db.teamMember.findMany({ where: { identityId: actor.identityId }, select: { teamId: true } })
  ).map((t) => t.teamId);
  const mine: Prisma.ReviewItemWhereInput[] = [{ reviewerId: actor.identityId }];
  if (teamIds.length) mine.push({ reviewerTeamId: { in: teamIds } });
  if (hasPermission(actor, 'reviews.manage')) mine.push({ reviewerId: null, reviewerTeamId: null });
  return {
    status: 'PENDING',
    campaign: { status: 'ACTIVE' },
    identityId: { not: actor.identityId },
    OR: mine,
  };
}
