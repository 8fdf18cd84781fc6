import { startCampaign as startCampaignUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZStartCampaignInput, ZStartCampaignOutput } from './start-campaign.schema.ts';

/** Starts a campaign now: its items are snapshotted and its first reviewers told. */
export const startCampaign = permissionProcedure('reviews.manage')
  .input(ZStartCampaignInput)
  .output(ZStartCampaignOutput)
  .mutation(({ ctx, input }) => startCampaignUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
