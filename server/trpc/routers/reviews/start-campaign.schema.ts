import { z } from 'zod';
import { ZCampaignRef } from './campaign.schema.ts';

export const ZStartCampaignInput = ZCampaignRef;
/** `started` false: it had already started (starting twice does nothing). CLOSED: nothing was in scope. */
export const ZStartCampaignOutput = z.object({
  id: z.string(),
  status: z.enum(['ACTIVE', 'CLOSED']),
  started: z.boolean(),
  items: z.number(),
});
