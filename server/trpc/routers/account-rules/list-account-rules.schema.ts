import { z } from 'zod';
import { ZAccountRulesInput } from './account-rules.schema.ts';

export const ZListAccountRulesOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    connectorType: z.string(),
    enabled: z.boolean(),
    rules: ZAccountRulesInput,
  }),
);
