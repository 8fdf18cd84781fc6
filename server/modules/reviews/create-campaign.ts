import type { TUserActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import {
  campaignView,
  checkCampaignReferences,
  parseCampaignInput,
  campaignColumns,
  type TCampaignInputRaw,
} from './campaign-input.ts';
import { startCampaignInTx } from './start-campaign.ts';

/**
 * The identity team creates a campaign: SCHEDULED (the review schedule starts it when its start comes)
 * or, with `draft`, a DRAFT nobody starts until it is scheduled or started by hand. A campaign whose
 * start has come (today, or earlier) starts in the creating transaction, as "Start now" would: waiting
 * for the schedule's next run (up to 15 minutes) left a campaign created for today without items.
 */
export async function createCampaign(
  db: TDb,
  actor: TUserActor,
  raw: TCampaignInputRaw & { draft?: boolean },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ id: string; status: 'DRAFT' | 'SCHEDULED' | 'ACTIVE' | 'CLOSED' }> {
  const input = parseCampaignInput(raw);
  await checkCampaignReferences(db, input);
  const now = deps.now ?? new Date();
  const status = raw.draft ? ('DRAFT' as const) : ('SCHEDULED' as const);
  const startsNow = status === 'SCHEDULED' && input.startsAt <= now;
  return inTransaction(
    db,
    async (tx) => {
      const campaign = await tx.reviewCampaign.create({
        data: { ...campaignColumns(input), kind: 'CAMPAIGN', status, createdById: actor.identityId },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'review.campaign_created',
        entityType: 'ReviewCampaign',
        entityId: campaign.id,
        after: campaignView({ ...input, status }, input.stages),
      });
      if (!startsNow) return { id: campaign.id, status };
      const started = await startCampaignInTx(tx, actor, campaign.id, { queue: deps.queue, now });
      return { id: campaign.id, status: started.status };
    },
    // Starting snapshots every item in scope: the schedule's and "Start now"'s timeout (start-campaign.ts).
    startsNow ? { timeout: 120_000, maxWait: 10_000, isRepeatable: true } : REPEATABLE,
  );
}
