import { auditLogExport } from '@/server/modules/audit/audit-log-export.ts';
import type { TReportExport } from './report-export.ts';

/** Every report that exports to CSV, by the name in its URL. Each report adds its entry here. */
export const REPORT_EXPORTS: Record<string, TReportExport> = {
  'audit-log': auditLogExport,
};
