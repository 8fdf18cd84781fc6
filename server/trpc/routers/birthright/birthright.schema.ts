import { z } from 'zod';
import { ZBirthrightDraft } from '@/server/modules/birthright/index.ts';

export const ZRuleDraft = ZBirthrightDraft;
export const ZRuleItem = z.object({
  kind: z.enum(['ENTITLEMENT', 'ROLE']),
  id: z.string(),
  name: z.string(),
  application: z.string().nullable(),
});
