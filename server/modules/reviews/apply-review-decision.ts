import type { TActor } from '@/server/auth/actor.ts';
import { actorId } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { endGrant } from '@/server/modules/access/index.ts';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { resolveReviewers } from './resolve-reviewers.ts';
import { reviewersOf, reviewQueueLink } from './review-recipients.ts';

export type TItemRow = {
  id: string;
  campaignId: string;
  grantId: string;
  identityId: string;
  entitlementId: string | null;
  roleId: string | null;
  stage: number;
  reviewerId: string | null;
  reviewerTeamId: string | null;
  context: Prisma.JsonValue;
};
export type TCampaignRow = { id: string; name: string; revokeTiming: 'IMMEDIATE' | 'AT_CLOSE'; dueAt: Date };

type TDeps = { queue: TJobQueue; now: Date };

export const itemName = (item: Pick<TItemRow, 'context'>) => {
  const ctx = item.context as { item?: { name?: string } } | null;
  return ctx?.item?.name ?? 'access';
};
const auditContext = (item: TItemRow, campaign: TCampaignRow, automatic: boolean) => ({
  campaignId: campaign.id,
  campaign: campaign.name,
  item: itemName(item),
  ...(automatic ? { automatic } : {}),
});

/**
 * Ends the grant behind a REVOKED item through the one desired-state engine (end-grant.ts), the
 * campaign named as the reason. Returns false when the grant had already ended by other means.
 */
export async function carryOutRevocation(
  tx: Prisma.TransactionClient,
  actor: TActor,
  item: TItemRow,
  campaign: TCampaignRow,
  comment: string | null,
  deps: TDeps,
): Promise<boolean> {
  const who =
    actor.kind === 'USER'
      ? `revoked by ${actor.displayName}`
      : 'revoked automatically: undecided at the due date';
  const ended = await endGrant(
    tx,
    {
      grantId: item.grantId,
      actor,
      by: 'review',
      reason: `Access review “${campaign.name}”: ${who}${comment ? ` (${comment})` : ''}`,
      planReason: 'ACCESS_REVIEW',
      metadata: { campaignId: campaign.id, campaign: campaign.name, itemId: item.id },
      notice: {
        title: `Your ${itemName(item)} access was removed in the access review “${campaign.name}”`,
        body: comment ?? '',
      },
    },
    { ...deps, closePendingExtensions },
  );
  if (ended) await tx.reviewItem.update({ where: { id: item.id }, data: { revokedAt: deps.now } });
  return Boolean(ended);
}

/** The grant ended by other means while the campaign ran: nothing is left to decide. */
export async function markItemEnded(
  tx: Prisma.TransactionClient,
  actor: TActor,
  item: TItemRow,
  campaign: TCampaignRow,
  deps: TDeps,
): Promise<void> {
  await tx.reviewItem.update({ where: { id: item.id }, data: { status: 'ENDED', decidedAt: deps.now } });
  await recordAuditEvent(tx, {
    actor,
    action: 'review.item_ended',
    entityType: 'ReviewItem',
    entityId: item.id,
    subjectId: item.identityId,
    after: { status: 'ENDED' },
    metadata: auditContext(item, campaign, actor.kind !== 'USER'),
  });
}

export type TDecisionInput = {
  decision: 'KEEP' | 'REVOKE' | 'REASSIGN';
  comment: string | null;
  reassignToId?: string | null;
};

/**
 * One decision on a pending item, its grant known to be active: the ReviewDecision row and the audit
 * event, then its effect. KEEP before the last stage hands the item to the next stage's reviewer;
 * the last KEEP certifies it. REVOKE ends the grant now, or at the close when the campaign says so
 * (a revoke decided after the due date is carried out at once). REASSIGN hands it to another person.
 * `actor` is SYSTEM for the campaign's own decisions at the due date (deciderId null).
 */
export async function applyReviewDecision(
  tx: Prisma.TransactionClient,
  actor: TActor,
  item: TItemRow,
  campaign: TCampaignRow,
  input: TDecisionInput,
  deps: TDeps & { stageCount: number },
): Promise<{ status: 'PENDING' | 'KEPT' | 'REVOKED' }> {
  const automatic = actor.kind !== 'USER';
  await tx.reviewDecision.create({
    data: {
      itemId: item.id,
      stage: item.stage,
      decision: input.decision,
      comment: input.comment,
      deciderId: actorId(actor),
      reassignedToId: input.reassignToId ?? null,
      decidedAt: deps.now,
    },
  });
  let status: 'PENDING' | 'KEPT' | 'REVOKED' = 'PENDING';
  let nextReviewerId: string | null = null;
  if (input.decision === 'KEEP' && item.stage < deps.stageCount) {
    const stage = await tx.reviewStage.findUniqueOrThrow({
      where: { campaignId_position: { campaignId: campaign.id, position: item.stage + 1 } },
      select: { reviewerKind: true, teamId: true, reviewerId: true },
    });
    const [next] = await resolveReviewers(tx, stage, [item]);
    nextReviewerId = next?.reviewerId ?? null;
    const assigned = { reviewerId: next?.reviewerId ?? null, reviewerTeamId: next?.reviewerTeamId ?? null };
    const context = {
      ...(item.context as Record<string, unknown>),
      fallback: next?.fallback ?? null,
    } as Prisma.InputJsonValue;
    await tx.reviewItem.update({
      where: { id: item.id },
      data: { stage: item.stage + 1, ...assigned, context, remindedAt: null, escalatedAt: null },
    });
    await tellReviewers(
      tx,
      campaign.id,
      [{ identityId: item.identityId, ...assigned }],
      `${possessiveName(item)} ${itemName(item)} awaits your review in “${campaign.name}”`,
      deps,
    );
  } else if (input.decision === 'KEEP') {
    status = 'KEPT';
    await tx.reviewItem.update({ where: { id: item.id }, data: { status, decidedAt: deps.now } });
  } else if (input.decision === 'REVOKE') {
    status = 'REVOKED';
    await tx.reviewItem.update({ where: { id: item.id }, data: { status, decidedAt: deps.now } });
  } else {
    const assigned = {
      identityId: item.identityId,
      reviewerId: input.reassignToId ?? null,
      reviewerTeamId: null,
    };
    await tx.reviewItem.update({
      where: { id: item.id },
      data: { reviewerId: assigned.reviewerId, reviewerTeamId: null, remindedAt: null },
    });
    await tellReviewers(
      tx,
      campaign.id,
      [assigned],
      `${possessiveName(item)} ${itemName(item)} was handed to you to review in “${campaign.name}”`,
      deps,
    );
  }
  await recordAuditEvent(tx, {
    actor,
    action: 'review.item_decided',
    entityType: 'ReviewItem',
    entityId: item.id,
    subjectId: item.identityId,
    after: {
      decision: input.decision,
      status,
      stage: item.stage,
      comment: input.comment,
      reassignedToId: input.reassignToId ?? null,
      nextReviewerId,
    },
    metadata: auditContext(item, campaign, automatic),
  });
  // Revocations wait for the close only while the due date has not come.
  if (status === 'REVOKED' && (campaign.revokeTiming === 'IMMEDIATE' || deps.now >= campaign.dueAt)) {
    await carryOutRevocation(tx, actor, item, campaign, input.comment, deps);
  }
  return { status };
}

const possessiveName = (item: TItemRow) => {
  const ctx = item.context as { person?: { displayName?: string } } | null;
  return `${ctx?.person?.displayName ?? 'Someone'}’s`;
};

/** A notification to whoever may now decide these items. */
export async function tellReviewers(
  tx: Prisma.TransactionClient,
  campaignId: string,
  items: Parameters<typeof reviewersOf>[1],
  title: string,
  deps: TDeps,
): Promise<void> {
  const recipients = await reviewersOf(tx, items);
  await notify(
    tx,
    [...recipients.keys()].map((recipientId) => ({
      recipientId,
      kind: 'review.assigned',
      title,
      link: reviewQueueLink(campaignId),
    })),
    { queue: deps.queue },
  );
}
