import type { TActor, TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { readScope, selectScopedGrants, type TScopedGrant } from './campaign-scope.ts';
import { snapshotItems } from './item-context.ts';
import { lockCampaign } from './lock-campaign.ts';
import { resolveReviewers } from './resolve-reviewers.ts';
import { reviewersOf, reviewQueueLink } from './review-recipients.ts';
import { formatDate } from '@/server/shared/format-date.ts';

const BATCH = 1000;

export type TStartResult = { id: string; status: 'ACTIVE' | 'CLOSED'; started: boolean; items: number };

/**
 * Starts a campaign in the caller's transaction: one item per grant in scope, snapshotted with its
 * context and recommendation, assigned to the first stage's reviewer (or the identity team when
 * nobody else can decide). Access granted later is never added. Starting an ACTIVE or CLOSED
 * campaign again does nothing. `grants` replaces the scope (a mover's review names its grants).
 */
export async function startCampaignInTx(
  tx: Prisma.TransactionClient,
  actor: TActor,
  campaignId: string,
  deps: { queue: TJobQueue; now: Date; grants?: readonly TScopedGrant[] },
): Promise<TStartResult> {
  const campaign = await lockCampaign(tx, campaignId);
  if (campaign.status === 'ACTIVE' || campaign.status === 'CLOSED')
    return {
      id: campaign.id,
      status: campaign.status,
      started: false,
      items: await tx.reviewItem.count({ where: { campaignId } }),
    };
  if (campaign.status === 'CANCELLED') throw new AppError('CONFLICT', 'This campaign was cancelled');
  const stage = await tx.reviewStage.findFirst({
    where: { campaignId, position: 1 },
    select: { reviewerKind: true, teamId: true, reviewerId: true },
  });
  if (!stage) throw new AppError('PRECONDITION_FAILED', 'The campaign has no reviewers');

  const grants = deps.grants ?? (await selectScopedGrants(tx, readScope(campaign.scope), deps.now));
  const rows: Prisma.ReviewItemCreateManyInput[] = [];
  // A batch at a time: each query's list of ids stays well inside PostgreSQL's bind-parameter limit.
  for (let i = 0; i < grants.length; i += BATCH) {
    const batch = grants.slice(i, i + BATCH);
    // One after the other: a transaction is one connection, which runs one query at a time.
    const reviewers = await resolveReviewers(tx, stage, batch);
    const snapshots = await snapshotItems(tx, batch, deps.now);
    batch.forEach((g, j) => {
      const snap = snapshots.get(g.id);
      const reviewer = reviewers[j];
      if (!snap || !reviewer) return;
      rows.push({
        campaignId,
        grantId: g.id,
        identityId: g.identityId,
        entitlementId: g.entitlementId,
        roleId: g.roleId,
        stage: 1,
        reviewerId: reviewer.reviewerId,
        reviewerTeamId: reviewer.reviewerTeamId,
        context: { ...snap.context, fallback: reviewer.fallback } as Prisma.InputJsonValue,
        recommendation: snap.recommendation,
      });
    });
  }
  for (let i = 0; i < rows.length; i += BATCH)
    await tx.reviewItem.createMany({ data: rows.slice(i, i + BATCH), skipDuplicates: true });
  const fallback = rows.filter((r) => !r.reviewerId && !r.reviewerTeamId).length;
  // A campaign with nothing in scope has nothing to wait for.
  const status = rows.length ? ('ACTIVE' as const) : ('CLOSED' as const);
  await tx.reviewCampaign.update({
    where: { id: campaignId },
    data: { status, startedAt: deps.now, ...(status === 'CLOSED' ? { closedAt: deps.now } : {}) },
  });
  await recordAuditEvent(tx, {
    actor,
    action: 'review.campaign_started',
    entityType: 'ReviewCampaign',
    entityId: campaignId,
    after: { name: campaign.name, kind: campaign.kind, items: rows.length, fallback },
    metadata: { parentId: campaign.parentId, subjectId: campaign.subjectId },
  });
  const recipients = await reviewersOf(
    tx,
    rows.map((r) => ({
      identityId: r.identityId,
      reviewerId: r.reviewerId ?? null,
      reviewerTeamId: r.reviewerTeamId ?? null,
    })),
  );
  await notify(
    tx,
    [...recipients].map(([recipientId, count]) => ({
      recipientId,
      kind: 'review.assigned',
      title: `${count === 1 ? '1 item' : `${count} items`} to review in “${campaign.name}”`,
      body: `Keep or revoke each by ${formatDate(campaign.dueAt)}.`,
      link: reviewQueueLink(campaign.id),
    })),
    { queue: deps.queue },
  );
  return { id: campaignId, status, started: true, items: rows.length };
}

/** The identity team starts a campaign now (before its scheduled start, or a draft). */
export async function startCampaign(
  db: TDb,
  actor: TUserActor,
  input: { id: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<TStartResult> {
  const now = deps.now ?? new Date();
  return inTransaction(db, (tx) => startCampaignInTx(tx, actor, input.id, { queue: deps.queue, now }), {
    timeout: 120_000,
    maxWait: 10_000,
  });
}
