import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZRunNowInput = z.object({
  applicationId: ZId,
  mode: z.enum(['FULL', 'INCREMENTAL']),
  /** An application brought under management: people found by the correlation rules get their accounts. */
  onboarding: z.boolean().default(false),
});
export const ZRunNowOutput = z.object({ runId: z.string() });
export type TRunNowInput = z.infer<typeof ZRunNowInput>;
