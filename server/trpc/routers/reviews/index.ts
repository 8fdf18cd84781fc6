import { router } from '../../init.ts';
import { campaignItems } from './campaign-items.ts';
import { getCampaign } from './get-campaign.ts';
import { listCampaigns } from './list-campaigns.ts';

/** Access reviews: campaigns, their items and decisions (the engine adds the writes, the queue its own). */
export const reviewsRouter = router({ listCampaigns, getCampaign, campaignItems });
