import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZAccountRulesInput } from './account-rules.schema.ts';

export const ZPreviewAccountRulesInput = z.object({
  applicationId: ZId,
  rules: ZAccountRulesInput,
  limit: z.number().int().min(1).max(20).default(6),
});
export const ZPreviewAccountRulesOutput = z.array(
  z.object({
    identityId: z.string(),
    displayName: z.string(),
    username: z.string().nullable(),
    fallback: z.string().nullable(),
    existing: z.string().nullable(),
    missing: z.array(z.string()),
    error: z.string().nullable(),
  }),
);
