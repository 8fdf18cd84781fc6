import { ZCampaignFields, ZCampaignSaved, refineCampaign } from './campaign.schema.ts';

export const ZCreateCampaignInput = ZCampaignFields.superRefine(refineCampaign);
export const ZCreateCampaignOutput = ZCampaignSaved;
