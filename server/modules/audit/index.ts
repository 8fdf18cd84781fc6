// The public surface of audit: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { PERSON_HISTORY_ACTIONS, storedNamesOf, type TAuditEntityType } from './audit-actions.ts';
export { formatChange } from './audit-changes.ts';
export { auditLogExport } from './audit-log-export.ts';
export { ZAuditEntityType, ZAuditLogFilters } from './audit-log-filters.ts';
export { actorName } from './audit-sentence-context.ts';
export { describeAuditEvent } from './describe-audit-event.ts';
export { getAuditFilterOptions } from './get-audit-filter-options.ts';
export { getLastAuditVerification } from './get-last-audit-verification.ts';
export { listAuditLog } from './list-audit-log.ts';
export { loadAuditNames } from './load-audit-names.ts';
export { recordAuditEvent, recordAuditEvents, type TAuditEventInput } from './record-audit-event.ts';
export { recordRefusedAttempt } from './record-refused-attempt.ts';
export { runAuditVerification } from './run-audit-verification.ts';
export { IN_FLIGHT_WINDOW_MS, sealAuditLog } from './seal-audit-log.ts';
export { PERMISSION_WORDS } from './sentences-admin.ts';
export { verifyAuditLog } from './verify-audit-log.ts';
