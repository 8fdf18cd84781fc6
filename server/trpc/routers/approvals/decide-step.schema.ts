import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideStepInput = z.object({
  stepId: ZId,
  decision: z.enum(['APPROVE', 'DENY']),
  comment: z.string().trim().max(2000, 'comment: at most 2000 characters').optional(),
  /** Shorten the access: an earlier end than requested. */
  approvedEndsAt: z.coerce.date({ message: 'approvedEndsAt: not a date' }).nullish(),
  /** The mitigating control for a segregation-of-duties conflict (sod.mitigate). */
  mitigation: z
    .object({
      control: z
        .string()
        .trim()
        .min(5, 'mitigation.control: describe the control in at least 5 characters')
        .max(1000),
      expiresAt: z.coerce.date({ message: 'mitigation.expiresAt: not a date' }),
    })
    .optional(),
});
export const ZDecideStepOutput = z.object({
  requestStatus: z.enum(['PENDING', 'APPROVED', 'DENIED']),
  stageStatus: z.enum(['PENDING', 'APPROVED', 'DENIED']),
});
