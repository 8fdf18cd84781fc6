import { closeCampaign as closeCampaignUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCloseCampaignInput, ZCloseCampaignOutput } from './close-campaign.schema.ts';

/** Closes a campaign now, as its due date would: deferred revocations, then undecided items by its rule. */
export const closeCampaign = permissionProcedure('reviews.manage')
  .input(ZCloseCampaignInput)
  .output(ZCloseCampaignOutput)
  .mutation(({ ctx, input }) => closeCampaignUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
