import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import {
  applyReviewDecision,
  carryOutRevocation,
  markItemEnded,
  tellReviewers,
  itemName,
  type TCampaignRow,
  type TItemRow,
} from './apply-review-decision.ts';
import { lockCampaign } from './lock-campaign.ts';

export type TCloseResult = {
  id: string;
  status: 'ACTIVE' | 'CLOSED';
  kept: number;
  revoked: number;
  ended: number;
  escalated: number;
  pending: number;
};

const ITEM_SELECT = {
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
  revokedAt: true,
  escalatedAt: true,
  grant: { select: { status: true } },
} as const;

type TDeps = { queue: TJobQueue; now?: Date };

/**
 * Closes a campaign (by hand, or by the review schedule at its due date); safe to run again. Each item
 * is settled in its own transaction: revocations deferred to the close are carried out; a grant that
 * ended by other means makes its item ENDED; undecided items follow the campaign's rule: KEEP and
 * REVOKE are decided by the campaign itself (deciderId null), ESCALATE hands each item once to its
 * reviewer's manager (the identity team when there is none) and the campaign stays open until those
 * are decided. The campaign is CLOSED when nothing is pending.
 */
export async function closeCampaign(
  db: TDb,
  actor: TActor,
  input: { id: string },
  deps: TDeps,
): Promise<TCloseResult> {
  const now = deps.now ?? new Date();
  const found = await db.reviewCampaign.findUnique({
    where: { id: input.id },
    select: {
      id: true,
      name: true,
      status: true,
      revokeTiming: true,
      dueAt: true,
      undecidedAction: true,
      _count: { select: { stages: true } },
    },
  });
  if (!found) throw new AppError('NOT_FOUND', 'No such campaign');
  if (found.status === 'DRAFT' || found.status === 'SCHEDULED')
    throw new AppError('CONFLICT', 'This campaign has not started');
  if (found.status === 'CANCELLED') throw new AppError('CONFLICT', 'This campaign was cancelled');
  // Closing is the moment deferred revocations are due, even before the due date.
  const campaign: TCampaignRow = {
    id: found.id,
    name: found.name,
    revokeTiming: 'IMMEDIATE',
    dueAt: found.dueAt,
  };
  const system = systemActor('SCHEDULER');
  const ctx = { queue: deps.queue, now };

  if (found.status === 'ACTIVE') {
    const deferred = await db.reviewItem.findMany({
      where: { campaignId: found.id, status: 'REVOKED', revokedAt: null },
      select: { id: true },
    });
    for (const { id } of deferred) {
      await settle(db, id, async (tx, item) => {
        if (item.status === 'REVOKED' && !item.revokedAt && item.grant.status === 'ACTIVE')
          await carryOutRevocation(tx, actor, item, campaign, null, ctx);
      });
    }
    const pending = await db.reviewItem.findMany({
      where: { campaignId: found.id, status: 'PENDING', escalatedAt: null },
      select: { id: true },
    });
    for (const { id } of pending) {
      await settle(db, id, async (tx, item) => {
        if (item.status !== 'PENDING' || item.escalatedAt) return;
        if (item.grant.status !== 'ACTIVE') return markItemEnded(tx, system, item, campaign, ctx);
        if (found.undecidedAction === 'ESCALATE') return escalate(tx, item, campaign, ctx);
        const decision = found.undecidedAction === 'REVOKE' ? 'REVOKE' : 'KEEP';
        await applyReviewDecision(
          tx,
          system,
          item,
          campaign,
          { decision, comment: null },
          { ...ctx, stageCount: item.stage },
        );
      });
    }
  }

  return inTransaction(db, async (tx) => {
    const locked = await lockCampaign(tx, found.id);
    const counts = await tx.reviewItem.groupBy({
      by: ['status'],
      where: { campaignId: found.id },
      _count: { _all: true },
    });
    const count = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0;
    const escalated = await tx.reviewItem.count({
      where: { campaignId: found.id, escalatedAt: { not: null } },
    });
    const result = {
      id: found.id,
      kept: count('KEPT'),
      revoked: count('REVOKED'),
      ended: count('ENDED'),
      escalated,
      pending: count('PENDING'),
    };
    if (locked.status !== 'ACTIVE' || result.pending > 0)
      return { ...result, status: locked.status === 'CLOSED' ? ('CLOSED' as const) : ('ACTIVE' as const) };
    await tx.reviewCampaign.update({ where: { id: found.id }, data: { status: 'CLOSED', closedAt: now } });
    await recordAuditEvent(tx, {
      actor,
      action: 'review.campaign_closed',
      entityType: 'ReviewCampaign',
      entityId: found.id,
      after: {
        name: found.name,
        status: 'CLOSED',
        kept: result.kept,
        revoked: result.revoked,
        ended: result.ended,
        escalated,
      },
    });
    return { ...result, status: 'CLOSED' as const };
  });
}

type TSettledItem = TItemRow & {
  status: string;
  revokedAt: Date | null;
  escalatedAt: Date | null;
  grant: { status: string };
};

/** One item in its own transaction, its row locked and read afresh. */
async function settle(
  db: TDb,
  id: string,
  fn: (tx: Prisma.TransactionClient, item: TSettledItem) => Promise<void>,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ReviewItem" WHERE id = ${id}::uuid FOR UPDATE`;
    const item = await tx.reviewItem.findUniqueOrThrow({ where: { id }, select: ITEM_SELECT });
    await fn(tx, item);
  });
}

/** Undecided at the due date: to the reviewer's manager once (the identity team when there is none). */
async function escalate(
  tx: Prisma.TransactionClient,
  item: TSettledItem,
  campaign: TCampaignRow,
  deps: { queue: TJobQueue; now: Date },
): Promise<void> {
  const reviewer = item.reviewerId
    ? await tx.identity.findUnique({
        where: { id: item.reviewerId },
        select: { manager: { select: { id: true, status: true } } },
      })
    : null;
  const manager =
    reviewer?.manager?.status === 'ACTIVE' && reviewer.manager.id !== item.identityId
      ? reviewer.manager.id
      : null;
  await tx.reviewDecision.create({
    data: {
      itemId: item.id,
      stage: item.stage,
      decision: 'ESCALATE',
      comment: null,
      deciderId: null,
      reassignedToId: manager,
      decidedAt: deps.now,
    },
  });
  await tx.reviewItem.update({
    where: { id: item.id },
    data: { reviewerId: manager, reviewerTeamId: null, escalatedAt: deps.now },
  });
  await recordAuditEvent(tx, {
    actor: systemActor('SCHEDULER'),
    action: 'review.item_escalated',
    entityType: 'ReviewItem',
    entityId: item.id,
    subjectId: item.identityId,
    before: { reviewerId: item.reviewerId },
    after: { reviewerId: manager, stage: item.stage },
    metadata: { campaignId: campaign.id, campaign: campaign.name, item: itemName(item), automatic: true },
  });
  await tellReviewers(
    tx,
    campaign.id,
    [{ identityId: item.identityId, reviewerId: manager, reviewerTeamId: null }],
    `Overdue: an access review item in “${campaign.name}” was escalated to you`,
    deps,
  );
}
