import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { inItemTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError, isAppError } from '@/server/lib/app-error.ts';
import { isAboutThemselves, selfDecisionError } from '@/server/lib/self-decision.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { recordAuditEvents, type TAuditEventInput } from '@/server/modules/audit/index.ts';
import {
  applyReviewDecision,
  itemName,
  markItemEnded,
  type TDecisionInput,
} from './apply-review-decision.ts';

export type TDecideInput = {
  itemIds: string[];
  decision: 'KEEP' | 'REVOKE' | 'REASSIGN';
  comment?: string | null;
  reassignToId?: string | null;
};
export type TDecideResult = { applied: string[]; refused: Array<{ itemId: string; reason: string }> };

const ENDED_ALREADY = 'The access already ended by other means; nothing is left to decide';

/** A refusal of one item of a bulk call: reported beside the others, never failing them. */
class Refused extends Error {}

/**
 * Someone tried to decide an item about their own access: refused in the words of every refused
 * self-decision (selfDecisionError), and kept in the audit trail as review.self_review_refused.
 */
class SelfReview extends Refused {
  constructor(readonly event: TAuditEventInput) {
    super(selfDecisionError('review your own access', 'another reviewer').message);
  }
}

/**
 * A reviewer decides items, one or hundreds at a time; each item is decided in its own transaction
 * (its row locked), so one refused item never fails the others. Only the item's current reviewer, a
 * member of its reviewer team, or (for items nobody else can decide) an identity admin may decide;
 * nobody decides an item about their own access; keeping high-risk access needs a comment.
 */
export async function decideReviewItems(
  db: TDb,
  actor: TUserActor,
  input: TDecideInput,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TDecideResult> {
  const comment = input.comment?.trim() || null;
  const reassignToId = input.decision === 'REASSIGN' ? (input.reassignToId ?? null) : null;
  if (input.decision === 'REASSIGN') {
    if (!reassignToId) throw new AppError('INVALID_INPUT', 'reassignToId: say who should review instead');
    const to = await db.identity.findUnique({ where: { id: reassignToId }, select: { status: true } });
    if (!to || to.status !== 'ACTIVE')
      throw new AppError('INVALID_INPUT', 'reassignToId: must be an active person');
  }
  const teams = new Set(
    (await db.teamMember.findMany({ where: { identityId: actor.identityId }, select: { teamId: true } })).map(
      (t) => t.teamId,
    ),
  );
  // The items nobody else can decide fall to those who run reviews: a permission, so an API token's subset is honoured.
  const decidesUnassigned = hasPermission(actor, 'reviews.manage');
  const result: TDecideResult = { applied: [], refused: [] };
  const selfReviews: TAuditEventInput[] = [];

  for (const itemId of [...new Set(input.itemIds)]) {
    try {
      const outcome = await inItemTransaction(db, async (tx) => {
        const now = deps.now ?? new Date();
        await tx.$queryRaw`SELECT id FROM "ReviewItem" WHERE id = ${itemId}::uuid FOR UPDATE`;
        const item = await tx.reviewItem.findUnique({
          where: { id: itemId },
          select: {
            id: true,
            campaignId: true,
            grantId: true,
            identityId: true,
            entitlementId: true,
            roleId: true,
            stage: true,
            status: true,
            reviewerId: true,
            reviewerTeamId: true,
            context: true,
            grant: { select: { status: true, source: true } },
            campaign: {
              select: {
                id: true,
                name: true,
                status: true,
                revokeTiming: true,
                dueAt: true,
                _count: { select: { stages: true } },
              },
            },
          },
        });
        if (!item) throw new Refused('No such review item');
        if (isAboutThemselves(actor, item.identityId)) {
          throw new SelfReview({
            actor,
            action: 'review.self_review_refused',
            entityType: 'ReviewItem',
            entityId: item.id,
            subjectId: item.identityId,
            metadata: { campaignId: item.campaign.id, campaign: item.campaign.name, item: itemName(item) },
          });
        }
        const isFallback = !item.reviewerId && !item.reviewerTeamId;
        const mayDecide =
          item.reviewerId === actor.identityId ||
          (item.reviewerTeamId !== null && teams.has(item.reviewerTeamId)) ||
          (isFallback && decidesUnassigned);
        if (!mayDecide) throw new Refused('You are not this item’s reviewer');
        if (item.campaign.status !== 'ACTIVE') throw new Refused('The campaign is not open for decisions');
        // Closed with its grant (the db_grant_ended_closes_review_items trigger), not by a reviewer.
        if (item.status === 'ENDED') throw new Refused(ENDED_ALREADY);
        if (item.status !== 'PENDING') throw new Refused('This item is already decided');
        checkDecision(item, { decision: input.decision, comment, reassignToId });
        if (item.grant.status !== 'ACTIVE') {
          await markItemEnded(tx, actor, item, item.campaign, { queue: deps.queue, now });
          return 'ENDED' as const;
        }
        await applyReviewDecision(
          tx,
          actor,
          item,
          item.campaign,
          { decision: input.decision, comment, reassignToId },
          { queue: deps.queue, now, stageCount: item.campaign._count.stages },
        );
        return 'APPLIED' as const;
      });
      if (outcome === 'APPLIED') result.applied.push(itemId);
      else result.refused.push({ itemId, reason: ENDED_ALREADY });
    } catch (error) {
      if (error instanceof SelfReview) selfReviews.push(error.event);
      if (error instanceof Refused || isAppError(error))
        result.refused.push({ itemId, reason: error.message });
      else throw error;
    }
  }
  // Written on its own, after the refused item's transaction rolled back, so it stays.
  if (selfReviews.length) await recordAuditEvents(db, selfReviews);
  return result;
}

type TCheckedItem = {
  identityId: string;
  reviewerId: string | null;
  context: Prisma.JsonValue;
  grant: { source: string };
};

/** What a decision needs of the item, apart from who decides. */
function checkDecision(item: TCheckedItem, input: TDecisionInput): void {
  const risk = (item.context as { item?: { risk?: string } } | null)?.item?.risk;
  if (input.decision === 'KEEP' && risk === 'HIGH' && !input.comment)
    throw new Refused('Keeping high-risk access needs a comment');
  if (input.decision === 'REVOKE' && item.grant.source === 'BIRTHRIGHT')
    throw new Refused('Birthright access follows its rule; a review cannot revoke it');
  if (input.decision === 'REASSIGN') {
    if (input.reassignToId === item.identityId)
      throw new Refused('Nobody reviews their own access: choose someone else');
    if (input.reassignToId === item.reviewerId) throw new Refused('The item is already with that reviewer');
  }
}
