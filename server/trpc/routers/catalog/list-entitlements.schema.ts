import { z } from 'zod';
import { ZApplicationRef, ZId, ZRisk } from '../shared.schema.ts';

export const ZListEntitlementsInput = z.object({
  search: z.string().trim().max(200, 'search: at most 200 characters').optional(),
  applicationId: ZId.optional(),
  risk: ZRisk.optional(),
  cursor: ZId.optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

export const ZCatalogItem = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  risk: ZRisk,
  maxDurationDays: z.number().nullable(),
  application: ZApplicationRef,
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  isHeld: z.boolean(),
  pendingRequestId: z.string().nullable(),
  /** Rules this item would break together with what the person already holds (a hint before picking). */
  sodConflicts: z.array(z.object({ ruleName: z.string(), severity: z.enum(['BLOCK', 'MITIGATABLE']) })),
});

export const ZListEntitlementsOutput = z.object({
  items: z.array(ZCatalogItem),
  nextCursor: z.string().nullable(),
});
