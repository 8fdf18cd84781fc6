import { cancelCampaign as cancelCampaignUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCancelCampaignInput, ZCancelCampaignOutput } from './cancel-campaign.schema.ts';

/** Cancels a campaign that is not closed; decisions already made stand. */
export const cancelCampaign = permissionProcedure('reviews.manage')
  .input(ZCancelCampaignInput)
  .output(ZCancelCampaignOutput)
  .mutation(({ ctx, input }) => cancelCampaignUseCase(ctx.db, ctx.actor, input));
