import type { TUserActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import {
  campaignView,
  checkCampaignReferences,
  parseCampaignInput,
  stageRows,
  type TCampaignInputRaw,
} from './campaign-input.ts';

/**
 * The identity team creates a campaign: SCHEDULED (the review schedule starts it when its start comes)
 * or, with `draft`, a DRAFT nobody starts until it is scheduled or started by hand.
 */
export async function createCampaign(
  db: TDb,
  actor: TUserActor,
  raw: TCampaignInputRaw & { draft?: boolean },
): Promise<{ id: string; status: 'DRAFT' | 'SCHEDULED' }> {
  const input = parseCampaignInput(raw);
  await checkCampaignReferences(db, input);
  const status = raw.draft ? ('DRAFT' as const) : ('SCHEDULED' as const);
  return inTransaction(db, async (tx) => {
    const campaign = await tx.reviewCampaign.create({
      data: {
        name: input.name,
        description: input.description,
        kind: 'CAMPAIGN',
        status,
        scope: input.scope,
        startsAt: input.startsAt,
        dueAt: input.dueAt,
        undecidedAction: input.undecidedAction,
        revokeTiming: input.revokeTiming,
        recurrenceMonths: input.recurrenceMonths,
        createdById: actor.identityId,
        stages: { create: stageRows(input.stages) },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'review.campaign_created',
      entityType: 'ReviewCampaign',
      entityId: campaign.id,
      after: campaignView({ ...input, status }, input.stages),
    });
    return { id: campaign.id, status };
  });
}
