import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideStepInput = z.object({
  stepId: ZId,
  decision: z.enum(['APPROVE', 'DENY']),
  comment: z.string().trim().max(2000, 'comment: at most 2000 characters').optional(),
});
export const ZDecideStepOutput = z.object({ requestStatus: z.string() });
