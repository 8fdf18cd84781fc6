import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZResolveCorrelationCaseInput = z.object({
  caseId: ZId,
  decision: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('LINK'), identityId: ZId }),
    z.object({ kind: z.literal('CREATE') }),
    z.object({ kind: z.literal('DISMISS') }),
  ]),
});
export const ZResolveCorrelationCaseOutput = z.object({
  status: z.string(),
  identityId: z.string().nullable(),
});
