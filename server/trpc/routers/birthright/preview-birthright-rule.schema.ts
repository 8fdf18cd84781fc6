import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZRuleDraft } from './birthright.schema.ts';

const ZPreviewItem = z.object({
  kind: z.enum(['ENTITLEMENT', 'ROLE']),
  id: z.string(),
  name: z.string(),
  application: z.string().nullable(),
  count: z.number(),
  unaffected: z.number(),
  people: z.array(z.object({ id: z.string(), displayName: z.string() })),
});
export const ZPreviewBirthrightRuleInput = z.object({ ruleId: ZId.optional(), draft: ZRuleDraft });
export const ZPreviewBirthrightRuleOutput = z.object({
  matchingBefore: z.number(),
  matchingAfter: z.number(),
  population: z.number(),
  gains: z.array(ZPreviewItem),
  losses: z.array(ZPreviewItem),
  massChange: z.object({
    affected: z.number(),
    population: z.number(),
    percent: z.number(),
    isHeld: z.boolean(),
  }),
});
