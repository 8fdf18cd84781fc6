import { z } from 'zod';
import { REQUEST_REPORT_FILTERS, REQUEST_STATUSES } from '@/server/modules/reports/index.ts';
import { checkDayRange } from '@/server/lib/query-filters.ts';

/** The page's query-string filters (the CSV export reads the same ones), plus the page cursor. */
export const ZListRequestsInput = z
  .object({
    ...REQUEST_REPORT_FILTERS,
    cursor: z.string().max(300).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkDayRange);

const ZPerson = z.object({ id: z.string(), displayName: z.string(), username: z.string() });

export const ZRequestReportRow = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['GRANT', 'EXTEND']),
  status: z.enum(REQUEST_STATUSES),
  justification: z.string(),
  requestedEndsAt: z.date().nullable(),
  approvedEndsAt: z.date().nullable(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  grantId: z.string().nullable(),
  requester: ZPerson,
  beneficiary: ZPerson,
  item: z.object({
    kind: z.enum(['ENTITLEMENT', 'ROLE']),
    name: z.string(),
    applicationName: z.string().nullable(),
  }),
  decisions: z.array(
    z.object({
      stage: z.string(),
      decision: z.enum(['APPROVED', 'DENIED']),
      decidedBy: z.string(),
      onBehalfOf: z.string().nullable(),
      decidedAt: z.date(),
      comment: z.string().nullable(),
    }),
  ),
  pendingWith: z.array(z.string()),
  stageCount: z.number(),
  autoApprovalRule: z.string().nullable(),
});
export type TRequestReportRowView = z.infer<typeof ZRequestReportRow>;

export const ZListRequestsOutput = z.object({
  items: z.array(ZRequestReportRow),
  nextCursor: z.string().nullable(),
  total: z.number().nullable(),
});
