// The public surface of reports: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { holdersPageSql, rowsOfPeopleSql, type TAccessKey } from './access-as-of.ts';
export { whoHasExport } from './access-exports.ts';
export { chartAccessGrowth } from './chart-access-growth.ts';
export { chartOpenSodViolations } from './chart-open-sod-violations.ts';
export { ZChartPeriodRange, ZChartRange } from './chart-range.ts';
export { chartRequestsPerWeek } from './chart-requests-per-week.ts';
export { chartTimeToApprove } from './chart-time-to-approve.ts';
export { keysetPages } from './csv-export.ts';
export { listDormant } from './dormant-report.ts';
export { listExpiring, type TExpiringKey } from './expiring-report.ts';
export { getRequestEvidence } from './get-request-evidence.ts';
export { getGrantEvidence } from './grant-evidence.ts';
export { explainGrants, whyText } from './grant-why.ts';
export { listLeavers, type TLeaverKey } from './leavers-report.ts';
export { REQUEST_REPORT_FILTERS, REQUEST_STATUSES, listRequestsReport } from './list-requests-report.ts';
export {
  SOD_REPORT_FILTERS,
  listSodReportChoices,
  listSodViolationsReport,
} from './list-sod-violations-report.ts';
export { lookupSubjects } from './lookup-subjects.ts';
export { defineReportExport, reportCsv, type TReportExport } from './report-export.ts';
export { REPORT_EXPORTS } from './report-exports.ts';
export {
  ZAccessFilters,
  ZChoiceFilter,
  ZDormantFilters,
  ZExpiringFilters,
  ZLeaverFilters,
  ZTextFilter,
  checkDayRange,
  fromQuery,
  likeLiteral,
} from './report-filters.ts';
export { loadProvisioningOperations } from './request-evidence-provisioning.ts';
export { getPersonAccessReport, getWhoHasReport } from './who-has.ts';
