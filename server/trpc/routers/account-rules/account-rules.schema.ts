import { z } from 'zod';

export const ZAccountRulesInput = z.object({
  usernameTemplate: z.string().trim().max(200, 'usernameTemplate: at most 200 characters').optional(),
  maxLength: z.number().int().min(1, 'maxLength: at least 1').max(256, 'maxLength: at most 256').optional(),
  requiredAttributes: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
  initialPassword: z.enum(['none', 'random']).default('none'),
});
