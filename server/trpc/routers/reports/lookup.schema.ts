import { z } from 'zod';

export const ZLookupInput = z.object({
  kind: z.enum(['entitlement', 'role', 'application', 'person', 'department']),
  query: z.string().trim().max(100).default(''),
  limit: z.number().int().min(1).max(50).default(10),
  /** The one subject with this id (a department's name), to name what a page's URL holds. */
  id: z.string().trim().min(1).max(200).optional(),
});

export const ZLookupOutput = z.array(
  z.object({ id: z.string(), label: z.string(), detail: z.string().nullable() }),
);
