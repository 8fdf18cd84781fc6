// The public surface of reports: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { holdersPageSql, rowsOfPeopleSql } from './access-as-of.ts';
export { ZAccessFilters, ZDormantFilters, ZExpiringFilters, ZLeaverFilters } from './report-filters.ts';
export { ZChartPeriodRange, ZChartRange } from './chart-range.ts';
export { chartAccessGrowth } from './chart-access-growth.ts';
export { chartOpenSodViolations } from './chart-open-sod-violations.ts';
export { chartRequestsPerWeek } from './chart-requests-per-week.ts';
export { chartTimeToApprove } from './chart-time-to-approve.ts';
export { listDormant } from './dormant-report.ts';
export { listLeavers, type TLeaverKey } from './leavers-report.ts';
export { REQUEST_REPORT_FILTERS, REQUEST_STATUSES, listRequestsReport } from './list-requests-report.ts';
export {
  SOD_REPORT_FILTERS,
  listSodReportChoices,
  listSodViolationsReport,
} from './list-sod-violations-report.ts';
export { lookupSubjects } from './lookup-subjects.ts';
export { requestsReportExport } from './requests-report-export.ts';
export { sodViolationsReportExport } from './sod-violations-report-export.ts';
export { listExpiring, type TExpiringKey } from './expiring-report.ts';
export { getPersonAccessReport, getWhoHasReport } from './who-has.ts';
export {
  dormantExport,
  expiringExport,
  leaversExport,
  personAccessExport,
  privilegedExport,
  whoHasExport,
} from './access-exports.ts';
export { getRequestEvidence } from './get-request-evidence.ts';
export { getGrantEvidence } from './grant-evidence.ts';
