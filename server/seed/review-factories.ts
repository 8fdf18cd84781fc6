import type { ReviewDecisionKind, ReviewItemStatus, ReviewerKind } from '@/prisma/generated/enums.ts';
import type { Prisma, TDb } from '@/server/db/client.ts';

/*
 * Access-review rows written directly, for tests and the demo of the read side (the campaign list,
 * its page, the auditor's report). Campaigns that should behave (start, decide, revoke) come from the
 * reviews engine's use cases; these only lay down what such a campaign leaves behind.
 */

export async function createReviewCampaign(
  db: TDb,
  o: {
    name?: string;
    status?: 'DRAFT' | 'SCHEDULED' | 'ACTIVE' | 'CLOSED' | 'CANCELLED';
    scope?: Prisma.InputJsonValue;
    startsAt: Date;
    dueAt: Date;
    startedAt?: Date | null;
    closedAt?: Date | null;
    undecidedAction?: 'KEEP' | 'REVOKE' | 'ESCALATE';
    revokeTiming?: 'IMMEDIATE' | 'AT_CLOSE';
    recurrenceMonths?: number | null;
    createdById?: string | null;
    stages?: Array<{ reviewerKind: ReviewerKind; teamId?: string; reviewerId?: string }>;
  },
) {
  // A campaign laid down in the past was created when it started at the latest.
  const createdAt = new Date(Math.min(Date.now(), o.startsAt.getTime(), o.startedAt?.getTime() ?? Infinity));
  return db.reviewCampaign.create({
    data: {
      createdAt,
      name: o.name ?? 'Access review',
      status: o.status ?? 'ACTIVE',
      scope: o.scope ?? {},
      startsAt: o.startsAt,
      dueAt: o.dueAt,
      startedAt:
        o.startedAt === undefined
          ? o.status === 'DRAFT' || o.status === 'SCHEDULED'
            ? null
            : o.startsAt
          : o.startedAt,
      closedAt: o.closedAt ?? null,
      undecidedAction: o.undecidedAction ?? 'KEEP',
      revokeTiming: o.revokeTiming ?? 'IMMEDIATE',
      recurrenceMonths: o.recurrenceMonths ?? null,
      createdById: o.createdById ?? null,
      stages: {
        create: (o.stages ?? [{ reviewerKind: 'MANAGER' }]).map((s, i) => ({
          position: i + 1,
          reviewerKind: s.reviewerKind,
          teamId: s.teamId ?? null,
          reviewerId: s.reviewerId ?? null,
        })),
      },
    },
  });
}

/** An item for one grant, with the decisions taken on it (a decision with no decider is the campaign's own). */
export async function createReviewItem(
  db: TDb,
  o: {
    /** The campaign as createReviewCampaign returned it: its item is created as it started. */
    campaign: { id: string; startedAt: Date | null; createdAt: Date };
    grant: { id: string; identityId: string; entitlementId: string | null; roleId: string | null };
    reviewerId?: string | null;
    reviewerTeamId?: string | null;
    status?: ReviewItemStatus;
    stage?: number;
    recommendation?: string | null;
    /** What the reviewer reads beside the item (reviews/item-context.ts), as the campaign's start wrote it. */
    context?: Prisma.InputJsonValue;
    revokedAt?: Date | null;
    decisions?: Array<{
      decision: ReviewDecisionKind;
      at: Date;
      deciderId: string | null;
      comment?: string | null;
      stage?: number;
      reassignedToId?: string | null;
    }>;
  },
) {
  const decisions = o.decisions ?? [];
  const settled = o.status && o.status !== 'PENDING';
  return db.reviewItem.create({
    data: {
      // Created as its campaign started: before anything is decided on it.
      createdAt: o.campaign.startedAt ?? o.campaign.createdAt,
      campaignId: o.campaign.id,
      grantId: o.grant.id,
      identityId: o.grant.identityId,
      entitlementId: o.grant.entitlementId,
      roleId: o.grant.roleId,
      stage: o.stage ?? 1,
      reviewerId: o.reviewerId ?? null,
      reviewerTeamId: o.reviewerTeamId ?? null,
      status: o.status ?? 'PENDING',
      recommendation: o.recommendation ?? null,
      ...(o.context === undefined ? {} : { context: o.context }),
      decidedAt: settled ? (decisions.at(-1)?.at ?? null) : null,
      revokedAt: o.revokedAt ?? null,
      decisions: {
        create: decisions.map((d) => ({
          stage: d.stage ?? 1,
          decision: d.decision,
          decidedAt: d.at,
          deciderId: d.deciderId,
          comment: d.comment ?? null,
          reassignedToId: d.reassignedToId ?? null,
        })),
      },
    },
  });
}
