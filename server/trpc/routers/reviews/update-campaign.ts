import { updateCampaign as updateCampaignUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZUpdateCampaignInput, ZUpdateCampaignOutput } from './update-campaign.schema.ts';

/** Changes a campaign that has not started (draft or scheduled). */
export const updateCampaign = permissionProcedure('reviews.manage')
  .input(ZUpdateCampaignInput)
  .output(ZUpdateCampaignOutput)
  .mutation(({ ctx, input }) => updateCampaignUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
