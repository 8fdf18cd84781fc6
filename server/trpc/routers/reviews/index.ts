import { router } from '../../init.ts';
import { campaignItems } from './campaign-items.ts';
import { cancelCampaign } from './cancel-campaign.ts';
import { closeCampaign } from './close-campaign.ts';
import { createCampaign } from './create-campaign.ts';
import { decide } from './decide.ts';
import { getCampaign } from './get-campaign.ts';
import { getMoverSettings } from './get-mover-settings.ts';
import { listCampaigns } from './list-campaigns.ts';
import { reviewerTeams } from './reviewer-teams.ts';
import { saveMoverSettings } from './save-mover-settings.ts';
import { startCampaign } from './start-campaign.ts';
import { updateCampaign } from './update-campaign.ts';
// The reviewer's side: their queue and campaigns (reviews-ui)
import { myCampaigns } from './my-campaigns.ts';
import { myQueue } from './my-queue.ts';

/**
 * Access reviews (docs/decisions/060). Writes: campaigns (create, update, start, cancel, close), a
 * reviewer's decisions, and the mover review settings. Reads: the campaigns, one campaign, its items.
 */
export const reviewsRouter = router({
  createCampaign,
  updateCampaign,
  startCampaign,
  cancelCampaign,
  closeCampaign,
  decide,
  getMoverSettings,
  saveMoverSettings,
  myQueue,
  myCampaigns,
  listCampaigns,
  getCampaign,
  campaignItems,
  reviewerTeams,
});
