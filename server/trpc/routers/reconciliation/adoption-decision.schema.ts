import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZApproveAdoptionInput = z.object({ findingId: ZId });
export const ZApproveAdoptionOutput = z.object({ grantId: z.string() });

export const ZDenyAdoptionInput = z.object({
  findingId: ZId,
  reason: z.string().trim().min(1, 'say why').max(1000),
});
export const ZDenyAdoptionOutput = z.object({ status: z.literal('OPEN') });
