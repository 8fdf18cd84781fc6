import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideHeldDeactivationsInput = z.object({
  sourceId: ZId,
  decision: z.enum(['CONFIRM', 'DISCARD']),
  reason: z.string().trim().min(5, 'reason: at least 5 characters').max(500),
});
export const ZDecideHeldDeactivationsOutput = z.object({
  decided: z.number(),
  decision: z.enum(['CONFIRM', 'DISCARD']),
});
