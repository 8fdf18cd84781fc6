import { auditLogExport } from '@/server/modules/audit/index.ts';
import { findingsExport } from '@/server/modules/reconciliation/index.ts';
import { campaignReportExport } from '@/server/modules/reviews/index.ts';
import {
  dormantExport,
  expiringExport,
  leaversExport,
  personAccessExport,
  privilegedExport,
  whoHasExport,
} from './access-exports.ts';
import type { TReportExport } from './report-export.ts';
import { requestsReportExport } from './requests-report-export.ts';
import { sodViolationsReportExport } from './sod-violations-report-export.ts';

/** Every report that exports to CSV, by the name in its URL. Each report adds its entry here. */
export const REPORT_EXPORTS: Record<string, TReportExport> = {
  'audit-log': auditLogExport,
  requests: requestsReportExport,
  'sod-violations': sodViolationsReportExport,
  'who-has': whoHasExport,
  'person-access': personAccessExport,
  privileged: privilegedExport,
  leavers: leaversExport,
  expiring: expiringExport,
  dormant: dormantExport,
  findings: findingsExport,
  'access-review': campaignReportExport,
};
