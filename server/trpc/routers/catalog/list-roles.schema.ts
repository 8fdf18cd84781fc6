import { z } from 'zod';
import { ZRisk } from '../shared.schema.ts';

export const ZListRolesInput = z.object({ search: z.string().trim().max(200).optional() }).default({});
export const ZCatalogRole = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  risk: ZRisk,
  maxDurationDays: z.number().nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  entitlements: z.array(z.object({ id: z.string(), name: z.string(), application: z.string() })),
  isHeld: z.boolean(),
  pendingRequestId: z.string().nullable(),
});
