import { expiringExport, leaversExport, personAccessExport, privilegedExport, whoHasExport } from './access-exports.ts';
import type { TReportExport } from './report-export.ts';

/** Every report that exports to CSV, by the name in its URL. Each report adds its entry here. */
export const REPORT_EXPORTS: Record<string, TReportExport> = {
  'who-has': whoHasExport,
  'person-access': personAccessExport,
  privileged: privilegedExport,
  leavers: leaversExport,
  expiring: expiringExport,
};
