import { z } from 'zod';
import { ACCOUNT_NAME_MAX } from '@/server/modules/provisioning/index.ts';

export const ZAccountRulesInput = z.object({
  usernameTemplate: z.string().trim().max(200, 'usernameTemplate: at most 200 characters').optional(),
  fallbackTemplate: z.string().trim().max(200, 'fallbackTemplate: at most 200 characters').optional(),
  maxLength: z
    .number()
    .int()
    .min(1, 'maxLength: at least 1')
    .max(ACCOUNT_NAME_MAX, `maxLength: at most ${ACCOUNT_NAME_MAX}`)
    .optional(),
  requiredAttributes: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
  initialPassword: z.enum(['none', 'random']).default('none'),
});
