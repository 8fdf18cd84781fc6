import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideHeldDeactivationsInput = z.object({
  sourceId: ZId,
  decision: z.enum(['CONFIRM', 'DISCARD']),
  reason: z.string().trim().min(5, 'reason: at least 5 characters').max(500),
});
export const ZDecideHeldDeactivationsOutput = z.object({
  decided: z.number(),
  /** The decider's own deactivation, left held for another identity admin (nobody decides their own). */
  keptForColleague: z.number(),
  decision: z.enum(['CONFIRM', 'DISCARD']),
});
