// PLACEHOLDER — replaced at merge by the engine/reactions branch.
// Records EXCEPTION decisions only (server/modules/reconciliation/decide-placeholder.ts), so the review
// queue can be used and tested; its schema is inline so nothing of it outlives the merge.
import { z } from 'zod';
import { decideFindingsPlaceholder } from '@/server/modules/reconciliation/decide-placeholder.ts';
import { permissionProcedure } from '../../init.ts';

export const decide = permissionProcedure('reconciliation.review')
  .input(
    z.object({
      findingIds: z.array(z.string().uuid()).min(1).max(200),
      decision: z.enum(['REVERT', 'ADOPT', 'EXCEPTION']),
      reason: z.string().trim().max(1000).optional(),
      exceptionUntil: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  )
  .output(
    z.object({
      decided: z.number(),
      refused: z.array(z.object({ findingId: z.string(), reason: z.string() })),
    }),
  )
  .mutation(({ ctx, input }) => decideFindingsPlaceholder(ctx.db, ctx.actor, input, { now: new Date() }));
