import { ZId } from '../shared.schema.ts';
import { ZCampaignFields, ZCampaignSaved, refineCampaign } from './campaign.schema.ts';

export const ZUpdateCampaignInput = ZCampaignFields.extend({ id: ZId }).superRefine(refineCampaign);
export const ZUpdateCampaignOutput = ZCampaignSaved;
