import { z } from 'zod';

export const ZCandidate = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  employeeNumber: z.string().nullable(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string(),
});
export const ZListCorrelationCasesInput = z.object({
  status: z.enum(['OPEN', 'DECIDED']).default('OPEN'),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ZListCorrelationCasesOutput = z.array(
  z.object({
    id: z.string(),
    externalId: z.string(),
    source: z.object({ id: z.string(), name: z.string() }),
    reason: z.string(),
    data: z.record(z.string(), z.string().nullable()),
    candidates: z.array(ZCandidate),
    status: z.string(),
    createdAt: z.date(),
    resolvedAt: z.date().nullable(),
    resolvedIdentity: ZCandidate.nullable(),
  }),
);
