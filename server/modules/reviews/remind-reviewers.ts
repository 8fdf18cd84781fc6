import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { reviewersOf, reviewQueueLink } from './review-recipients.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/** Reviewers hear this many days before the due date. */
export const REMIND_DAYS_BEFORE = 3;
const DAY = 86_400_000;

/**
 * Once per item (remindedAt), REMIND_DAYS_BEFORE days before its campaign's due date: every reviewer
 * with pending items hears how many are left. A reassigned or escalated item may be reminded again.
 */
export async function remindReviewers(db: TDb, deps: { queue: TJobQueue; now: Date }): Promise<number> {
  const campaigns = await db.reviewCampaign.findMany({
    where: {
      status: 'ACTIVE',
      dueAt: { gt: deps.now, lte: new Date(deps.now.getTime() + REMIND_DAYS_BEFORE * DAY) },
    },
    select: { id: true, name: true, dueAt: true },
  });
  let reminded = 0;
  for (const campaign of campaigns) {
    reminded += await inTransaction(db, async (tx) => {
      const items = await tx.$queryRaw<
        Array<{ id: string; identityId: string; reviewerId: string | null; reviewerTeamId: string | null }>
      >`
        SELECT id, "identityId", "reviewerId", "reviewerTeamId" FROM "ReviewItem"
         WHERE "campaignId" = ${campaign.id}::uuid AND status = 'PENDING' AND "remindedAt" IS NULL
         FOR UPDATE SKIP LOCKED`;
      if (items.length === 0) return 0;
      const recipients = await reviewersOf(tx, items);
      await notify(
        tx,
        [...recipients].map(([recipientId, count]) => ({
          recipientId,
          kind: 'review.reminder',
          title: `Reminder: ${count === 1 ? '1 item' : `${count} items`} to review in “${campaign.name}” by ${formatDate(campaign.dueAt)}`,
          link: reviewQueueLink(campaign.id),
        })),
        { queue: deps.queue },
      );
      await tx.reviewItem.updateMany({
        where: { id: { in: items.map((i) => i.id) } },
        data: { remindedAt: deps.now },
      });
      await recordAuditEvent(tx, {
        actor: systemActor('SCHEDULER'),
        action: 'review.reviewers_reminded',
        entityType: 'ReviewCampaign',
        entityId: campaign.id,
        metadata: { name: campaign.name, reviewers: [...recipients.keys()], items: items.length },
      });
      return items.length;
    });
  }
  return reminded;
}
