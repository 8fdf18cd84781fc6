import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a day of the calendar',
  );

export const ZDecideFindingsInput = z
  .object({
    findingIds: z.array(ZId).min(1, 'choose at least one finding').max(500, 'at most 500 findings at once'),
    decision: z.enum(['REVERT', 'ADOPT', 'EXCEPTION']),
    /** Required to adopt or accept as an exception: it becomes the grant's or the exception's why. */
    reason: z.string().trim().max(1000).optional(),
    /** EXCEPTION: the last day it holds (UTC); the finding comes back the day after. */
    exceptionUntil: ZDay.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'REVERT' && !v.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'give a reason for adopting or accepting it',
      });
    if (v.decision === 'EXCEPTION' && !v.exceptionUntil)
      ctx.addIssue({
        code: 'custom',
        path: ['exceptionUntil'],
        message: 'an exception needs the day it ends',
      });
  });

export const ZDecideFindingsOutput = z.object({
  decided: z.number().int(),
  refused: z.array(z.object({ findingId: z.string(), reason: z.string() })),
});

export type TDecideFindingsInput = z.infer<typeof ZDecideFindingsInput>;
export type TDecideFindingsOutput = z.infer<typeof ZDecideFindingsOutput>;
