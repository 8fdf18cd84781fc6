import { z } from 'zod';
import { campaignFieldsSchema, refineCampaign } from '@/server/modules/reviews/index.ts';
import { ZId } from '../shared.schema.ts';

/** Shared by create and update: a campaign's fields, and whether it stays a draft (not started by the schedule). */
export const ZCampaignFields = campaignFieldsSchema.extend({ draft: z.boolean().optional() });
/** A campaign as saved: a draft, scheduled, or (created with its start come) started at once. */
export const ZCampaignSaved = z.object({
  id: z.string(),
  status: z.enum(['DRAFT', 'SCHEDULED', 'ACTIVE', 'CLOSED']),
});
export const ZCampaignRef = z.object({ id: ZId });
export { refineCampaign };
