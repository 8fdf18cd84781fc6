import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZAggregateEntitlementsInput = z.object({ applicationId: ZId });
export const ZAggregateEntitlementsOutput = z.object({
  found: z.number(),
  discovered: z.number(),
  vanished: z.number(),
  returned: z.number(),
  grantsEnded: z.number(),
  emptyReadIgnored: z.boolean(),
});
export type TAggregateEntitlementsOutput = z.infer<typeof ZAggregateEntitlementsOutput>;
