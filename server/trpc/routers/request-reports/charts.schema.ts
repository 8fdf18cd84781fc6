import { z } from 'zod';
import { ZChartPeriodRange, ZChartRange } from '@/server/modules/reports/index.ts';

export const ZChartRangeInput = ZChartRange;
export const ZChartPeriodRangeInput = ZChartPeriodRange;

export const ZRequestsPerWeekOutput = z.array(
  z.object({
    weekStart: z.string(),
    approved: z.number(),
    denied: z.number(),
    cancelled: z.number(),
    expired: z.number(),
    pending: z.number(),
    total: z.number(),
  }),
);

export const ZTimeToApproveOutput = z.object({
  bins: z.array(z.object({ label: z.string(), requests: z.number() })),
  total: z.number(),
  automatic: z.number(),
  medianHours: z.number().nullable(),
});

export const ZAccessGrowthOutput = z.array(
  z.object({
    period: z.string(),
    at: z.date(),
    applicationId: z.string(),
    applicationName: z.string(),
    grants: z.number(),
  }),
);

export const ZOpenSodViolationsOutput = z.array(
  z.object({
    period: z.string(),
    at: z.date(),
    open: z.number(),
    blocking: z.number(),
    mitigatable: z.number(),
  }),
);
