import { z } from 'zod';
import { ZCampaignRef } from './campaign.schema.ts';

export const ZCloseCampaignInput = ZCampaignRef;
/** ACTIVE with `pending` > 0: escalated items still wait for their new reviewer. */
export const ZCloseCampaignOutput = z.object({
  id: z.string(),
  status: z.enum(['ACTIVE', 'CLOSED']),
  kept: z.number(),
  revoked: z.number(),
  ended: z.number(),
  escalated: z.number(),
  pending: z.number(),
});
