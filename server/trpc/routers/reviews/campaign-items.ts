import { listCampaignItems } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCampaignItemsInput, ZCampaignItemsOutput } from './campaign-items.schema.ts';

/** A page of a campaign's items with every decision and the revocations' provisioning. */
export const campaignItems = permissionProcedure('reviews.read')
  .input(ZCampaignItemsInput)
  .output(ZCampaignItemsOutput)
  .query(({ ctx, input: { campaignId, cursor, limit, ...filters } }) =>
    listCampaignItems(ctx.db, campaignId, filters, { cursor: cursor ?? null, limit }),
  );
