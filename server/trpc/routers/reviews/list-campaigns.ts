import { listCampaigns as listCampaignsUseCase } from '@/server/modules/reviews/list-campaigns.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListCampaignsInput, ZListCampaignsOutput } from './list-campaigns.schema.ts';

/** Every campaign with its progress: the identity team's list and the auditors'. */
export const listCampaigns = permissionProcedure('reviews.read')
  .input(ZListCampaignsInput)
  .output(ZListCampaignsOutput)
  .query(({ ctx, input: { offset, limit, ...filters } }) => listCampaignsUseCase(ctx.db, filters, { offset, limit }));
