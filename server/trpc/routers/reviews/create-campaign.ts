import { createCampaign as createCampaignUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateCampaignInput, ZCreateCampaignOutput } from './create-campaign.schema.ts';

/** The identity team creates an access review campaign (scheduled, or a draft); one whose start has come starts at once. */
export const createCampaign = permissionProcedure('reviews.manage')
  .input(ZCreateCampaignInput)
  .output(ZCreateCampaignOutput)
  .mutation(({ ctx, input }) => createCampaignUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
