import { listMyReviewCampaigns } from '@/server/modules/reviews/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZMyCampaignsOutput } from './my-campaigns.schema.ts';

/** The campaigns the reviewer has items in, with "done of total" for theirs and for the whole campaign. */
export const myCampaigns = permissionProcedure('reviews.decide')
  .output(ZMyCampaignsOutput)
  .query(({ ctx }) => listMyReviewCampaigns(ctx.db, ctx.actor, { now: new Date() }));
