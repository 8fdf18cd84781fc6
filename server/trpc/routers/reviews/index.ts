import { router } from '../../init.ts';
// The reviewer's side: their queue and campaigns (reviews-ui)
import { myCampaigns } from './my-campaigns.ts';
import { myQueue } from './my-queue.ts';

/** Access reviews: campaigns, the reviewer's queue, decisions, evidence. */
export const reviewsRouter = router({
  myQueue,
  myCampaigns,
});
