import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideStepsInput = z.object({
  stepIds: z
    .array(ZId)
    .min(1, 'stepIds: choose at least one approval')
    .max(200, 'stepIds: at most 200 approvals at a time'),
  decision: z.enum(['APPROVE', 'DENY']),
  /** One comment for all of them; a denial's reason (required to deny). */
  comment: z.string().trim().max(2000, 'comment: at most 2000 characters').optional(),
});
export const ZDecideStepsOutput = z.object({
  decided: z.array(z.string()),
  refused: z.array(z.object({ stepId: z.string(), reason: z.string() })),
});
