import { z } from 'zod';
import { SOD_REPORT_FILTERS } from '@/server/modules/reports/index.ts';
import { checkDayRange } from '@/server/lib/query-filters.ts';

export const ZListSodViolationsInput = z
  .object({
    ...SOD_REPORT_FILTERS,
    cursor: z.string().max(300).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkDayRange);

export const ZSodViolationReportRow = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), severity: z.enum(['BLOCK', 'MITIGATABLE']) }),
  identity: z.object({
    id: z.string(),
    displayName: z.string(),
    username: z.string(),
    department: z.string().nullable(),
  }),
  detectedAt: z.date(),
  resolvedAt: z.date().nullable(),
  state: z.enum(['OPEN', 'RESOLVED', 'PREVENTED']),
  status: z.string().nullable(),
  explanation: z.string(),
  prevented: z.object({ by: z.string(), what: z.string().nullable() }).nullable(),
  mitigations: z.array(
    z.object({
      id: z.string(),
      control: z.string(),
      recordedAt: z.date(),
      expiresAt: z.date(),
      revokedAt: z.date().nullable(),
      recordedBy: z.string().nullable(),
      state: z.enum(['IN_FORCE', 'EXPIRED', 'REVOKED']),
    }),
  ),
});
export type TSodViolationReportRowView = z.infer<typeof ZSodViolationReportRow>;

export const ZListSodViolationsOutput = z.object({
  items: z.array(ZSodViolationReportRow),
  nextCursor: z.string().nullable(),
  total: z.number().nullable(),
});

export const ZSodReportChoicesOutput = z.object({
  rules: z.array(z.object({ id: z.string(), name: z.string() })),
  departments: z.array(z.string()),
});
