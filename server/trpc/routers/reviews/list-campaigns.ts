import { listCampaigns as listCampaignsUseCase } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListCampaignsInput, ZListCampaignsOutput } from './list-campaigns.schema.ts';

/** Every campaign with its progress: the identity team's list and the auditors'. */
export const listCampaigns = permissionProcedure('reviews.read')
  .input(ZListCampaignsInput)
  .output(ZListCampaignsOutput)
  .query(async ({ ctx, input: { cursor, limit, ...filters } }) => {
    const { items, total, nextOffset } = await listCampaignsUseCase(ctx.db, filters, {
      offset: cursor ?? 0,
      limit,
    });
    return { items, total, nextCursor: nextOffset };
  });
