// The public surface of reviews: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { campaignFieldsSchema, refineCampaign } from './campaign-input.ts';
export { CAMPAIGN_ITEMS_FILTERS } from './campaign-items-filters.ts';
export { campaignReportExport } from './campaign-report-export.ts';
export { cancelCampaign } from './cancel-campaign.ts';
export { closeCampaign } from './close-campaign.ts';
export { createCampaign } from './create-campaign.ts';
export { decideReviewItems } from './decide-review-items.ts';
export { getCampaign } from './get-campaign.ts';
export { lastGrantReviews, reviewText, type TGrantReview } from './grant-reviews.ts';
export { listCampaignItems } from './list-campaign-items-view.ts';
export { ZListCampaignsFilters, listCampaigns } from './list-campaigns.ts';
export { countMyReviewItems, listMyReviewCampaigns } from './list-my-review-campaigns.ts';
export { MY_QUEUE_MAX, listMyReviewItems } from './list-my-review-items.ts';
export { listReviewerTeams } from './list-reviewer-teams.ts';
export { ZMoverReviewSettings, getMoverReviewSettings, saveMoverReviewSettings } from './mover-settings.ts';
export { runReviewSchedule } from './run-review-schedule.ts';
export { startCampaign } from './start-campaign.ts';
export { startMoverReviews } from './start-mover-reviews.ts';
export { updateCampaign } from './update-campaign.ts';
