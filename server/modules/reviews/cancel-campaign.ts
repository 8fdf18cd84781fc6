import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { lockCampaign } from './lock-campaign.ts';

/**
 * Cancels a campaign that is not closed. Decisions already made stand (revocations carried out stay
 * carried out); pending items stay PENDING as the record of what was never decided, and nobody can
 * decide them any more. A cancelled recurring campaign starts no further copies.
 */
export async function cancelCampaign(
  db: TDb,
  actor: TUserActor,
  input: { id: string },
  deps: { now?: Date } = {},
): Promise<{ id: string; status: 'CANCELLED' }> {
  return inTransaction(
    db,
    async (tx) => {
      const campaign = await lockCampaign(tx, input.id);
      if (campaign.status === 'CLOSED' || campaign.status === 'CANCELLED')
        throw new AppError('CONFLICT', `This campaign is already ${campaign.status.toLowerCase()}`);
      await tx.reviewCampaign.update({
        where: { id: campaign.id },
        data: { status: 'CANCELLED', closedAt: deps.now ?? new Date() },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'review.campaign_cancelled',
        entityType: 'ReviewCampaign',
        entityId: campaign.id,
        before: { status: campaign.status },
        after: { status: 'CANCELLED', name: campaign.name },
      });
      return { id: campaign.id, status: 'CANCELLED' as const };
    },
    REPEATABLE,
  );
}
