import { getCampaign as getCampaignUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetCampaignInput, ZGetCampaignOutput } from './get-campaign.schema.ts';

/** One campaign: scope in words, stages, dates, recurrence, progress overall and per reviewer. */
export const getCampaign = permissionProcedure('reviews.read')
  .input(ZGetCampaignInput)
  .output(ZGetCampaignOutput)
  .query(({ ctx, input }) => getCampaignUseCase(ctx.db, input.id));
