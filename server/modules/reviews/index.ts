// The public surface of reviews: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { campaignFieldsSchema, refineCampaign } from './campaign-input.ts';
export { getCampaign } from './get-campaign.ts';
export {
  describeGrants,
  explainGrants,
  sourceLabel,
  whyText,
  type TGrantFacts,
  type TGrantWhy,
} from './grant-why.ts';
export { snapshotItems } from './item-context.ts';
export { ZListCampaignsFilters, listCampaigns } from './list-campaigns.ts';
export { countMyReviewItems, listMyReviewCampaigns } from './list-my-review-campaigns.ts';
export { listReviewerTeams } from './list-reviewer-teams.ts';
export { CAMPAIGN_ITEMS_FILTERS } from './campaign-items-filters.ts';
export { campaignReportExport } from './campaign-report-export.ts';
export { cancelCampaign } from './cancel-campaign.ts';
export { closeCampaign } from './close-campaign.ts';
export { createCampaign } from './create-campaign.ts';
export { decideReviewItems } from './decide-review-items.ts';
export { listCampaignItems } from './list-campaign-items-view.ts';
export { MY_QUEUE_MAX, listMyReviewItems } from './list-my-review-items.ts';
export { ZMoverReviewSettings, getMoverReviewSettings, saveMoverReviewSettings } from './mover-settings.ts';
export { startCampaign } from './start-campaign.ts';
export { runReviewSchedule } from './run-review-schedule.ts';
export { startMoverReviews } from './start-mover-reviews.ts';
export { updateCampaign } from './update-campaign.ts';
