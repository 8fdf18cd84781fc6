import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideInput = z
  .object({
    itemIds: z.array(ZId).min(1, 'itemIds: at least one').max(500, 'itemIds: at most 500'),
    decision: z.enum(['KEEP', 'REVOKE', 'REASSIGN']),
    comment: z.string().trim().max(2000, 'comment: at most 2000 characters').optional(),
    reassignToId: ZId.optional(),
  })
  .refine((v) => v.decision !== 'REASSIGN' || Boolean(v.reassignToId), {
    path: ['reassignToId'],
    message: 'reassignToId: say who should review instead',
  });

/** Each item applied or refused with its reason; one refused item never fails the others. */
export const ZDecideOutput = z.object({
  applied: z.array(z.string()),
  refused: z.array(z.object({ itemId: z.string(), reason: z.string() })),
});
