import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZHeldRunInput = z.object({ runId: ZId });

export const ZConfirmHeldRunOutput = z.object({
  runId: z.string(),
  status: z.literal('SUCCEEDED'),
  reverted: z.number().int(),
  adopted: z.number().int(),
  /** Findings the policy could not carry out (an SoD conflict, granted meanwhile…): left OPEN. */
  refused: z.number().int(),
});

export const ZDismissHeldRunOutput = z.object({
  runId: z.string(),
  status: z.literal('SUCCEEDED'),
  leftOpen: z.number().int(),
});
