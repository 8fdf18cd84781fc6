import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  campaignView,
  checkCampaignReferences,
  parseCampaignInput,
  campaignColumns,
  type TCampaignInputRaw,
  type TReviewStageInput,
} from './campaign-input.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { lockCampaign } from './lock-campaign.ts';
import { startCampaignInTx } from './start-campaign.ts';

/**
 * A campaign changes only before it starts (DRAFT or SCHEDULED); its stages are replaced as a whole.
 * Saved scheduled with its start come, it starts in the same transaction, as a new one does (create-campaign.ts).
 */
export async function updateCampaign(
  db: TDb,
  actor: TUserActor,
  raw: TCampaignInputRaw & { id: string; draft?: boolean },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ id: string; status: 'DRAFT' | 'SCHEDULED' | 'ACTIVE' | 'CLOSED' }> {
  const input = parseCampaignInput(raw);
  await checkCampaignReferences(db, input);
  const now = deps.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      const before = await lockCampaign(tx, raw.id);
      if (before.kind !== 'CAMPAIGN')
        throw new AppError('CONFLICT', 'A review after a move is not edited: it follows the mover settings');
      if (before.status !== 'DRAFT' && before.status !== 'SCHEDULED')
        throw new AppError('CONFLICT', 'Only a campaign that has not started can be changed');
      const stagesBefore = await tx.reviewStage.findMany({
        where: { campaignId: before.id },
        orderBy: { position: 'asc' },
        select: { reviewerKind: true, teamId: true, reviewerId: true },
      });
      const status =
        raw.draft === undefined ? before.status : raw.draft ? ('DRAFT' as const) : ('SCHEDULED' as const);
      await tx.reviewStage.deleteMany({ where: { campaignId: before.id } });
      await tx.reviewCampaign.update({
        where: { id: before.id },
        data: { ...campaignColumns(input), status },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'review.campaign_updated',
        entityType: 'ReviewCampaign',
        entityId: before.id,
        before: campaignView(before, stagesBefore.map(stageInput)),
        after: campaignView({ ...input, status }, input.stages),
      });
      if (status !== 'SCHEDULED' || input.startsAt > now) return { id: before.id, status };
      const started = await startCampaignInTx(tx, actor, before.id, { queue: deps.queue, now });
      return { id: before.id, status: started.status };
    },
    { timeout: 120_000, maxWait: 10_000, isRepeatable: true },
  );
}

/** A stored stage as the input shape (for the audit's before). */
export function stageInput(s: {
  reviewerKind: string;
  teamId: string | null;
  reviewerId: string | null;
}): TReviewStageInput {
  if (s.reviewerKind === 'TEAM') return { reviewerKind: 'TEAM', teamId: s.teamId ?? '' };
  if (s.reviewerKind === 'PERSON') return { reviewerKind: 'PERSON', reviewerId: s.reviewerId ?? '' };
  return { reviewerKind: s.reviewerKind === 'OWNER' ? 'OWNER' : 'MANAGER' };
}
