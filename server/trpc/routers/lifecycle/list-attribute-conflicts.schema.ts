import { z } from 'zod';

export const ZListAttributeConflictsInput = z.object({
  status: z.enum(['OPEN', 'DECIDED']).default('OPEN'),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ZListAttributeConflictsOutput = z.array(
  z.object({
    id: z.string(),
    attribute: z.string(),
    status: z.string(),
    createdAt: z.date(),
    resolvedAt: z.date().nullable(),
    person: z.object({ id: z.string(), displayName: z.string(), email: z.string() }),
    current: z.string().nullable(),
    candidates: z.array(
      z.object({
        sourceId: z.string(),
        sourceName: z.string(),
        precedence: z.number(),
        value: z.string().nullable(),
      }),
    ),
    chosenSourceId: z.string().nullable(),
  }),
);
