import { auditLogExport } from '@/server/modules/audit/index.ts';
import { findingsExport } from '@/server/modules/reconciliation/index.ts';
import { campaignReportExport } from '@/server/modules/reviews/index.ts';
import {
  dormantExport,
  expiringExport,
  leaversExport,
  personAccessExport,
  privilegedExport,
  requestsReportExport,
  sodViolationsReportExport,
  whoHasExport,
} from '@/server/modules/reports/index.ts';
import { type TReportExport } from '@/server/lib/report-export.ts';

/**
 * Every report that exports to CSV, by the name in its URL. Each report adds its entry here. It
 * gathers exports from several modules, so it sits above them with the export route's handler: in
 * reports it made reports and every module whose export is built on reports import each other.
 */
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
