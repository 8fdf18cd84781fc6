import { z } from 'zod';
import { ZCampaignRef } from './campaign.schema.ts';

export const ZCancelCampaignInput = ZCampaignRef;
export const ZCancelCampaignOutput = z.object({ id: z.string(), status: z.literal('CANCELLED') });
