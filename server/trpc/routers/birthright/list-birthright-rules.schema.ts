import { z } from 'zod';
import { ZBirthrightCondition } from '@/server/modules/birthright/index.ts';
import { ZRuleItem } from './birthright.schema.ts';

export const ZListBirthrightRulesOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    condition: ZBirthrightCondition,
    grants: z.array(ZRuleItem),
    holders: z.number(),
    updatedAt: z.date(),
  }),
);
