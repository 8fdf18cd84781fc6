import { z } from 'zod';

export const ZLookupInput = z.object({
  kind: z.enum(['entitlement', 'role', 'application', 'person', 'department']),
  query: z.string().trim().max(100).default(''),
  limit: z.number().int().min(1).max(50).default(10),
});

export const ZLookupOutput = z.array(z.object({ id: z.string(), label: z.string(), detail: z.string().nullable() }));
