import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZForcePasswordResetInput = z.object({
  identityId: ZId,
  applicationId: ZId,
  reason: z.string().trim().min(1, 'reason: say why').max(500, 'reason: at most 500 characters'),
});
export const ZForcePasswordResetOutput = z.object({ outcome: z.enum(['applied', 'noop']) });
