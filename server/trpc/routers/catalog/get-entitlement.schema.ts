import { z } from 'zod';
import { ZId, ZRisk } from '../shared.schema.ts';

export const ZGetEntitlementInput = z.object({ id: ZId });
export const ZGetEntitlementOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  risk: ZRisk,
  kind: z.string(),
  maxDurationDays: z.number().nullable(),
  application: z.object({ id: z.string(), name: z.string(), description: z.string() }),
  owner: z.object({ id: z.string(), displayName: z.string(), email: z.string() }).nullable(),
});
