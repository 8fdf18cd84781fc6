import { z } from 'zod';
import { ZMoverReviewSettings } from '@/server/modules/reviews/index.ts';

export const ZMoverSettings = ZMoverReviewSettings;
export const ZGetMoverSettingsInput = z.void();
export const ZMoverSettingsOutput = z.object({
  mode: z.enum(['OFF', 'REVIEW', 'AUTO_REVOKE']),
  days: z.number(),
});
