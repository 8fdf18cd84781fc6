// The public surface of audit: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { PERSON_HISTORY_ACTIONS, storedNamesOf, type TAuditEntityType } from './audit-actions.ts';
export { formatChange } from './audit-changes.ts';
export { ZAuditEntityType, ZAuditLogFilters } from './audit-log-filters.ts';
export { actorName } from './audit-sentence-context.ts';
export { PERMISSION_WORDS } from './sentences-admin.ts';
export { describeAuditEvent } from './describe-audit-event.ts';
export { loadAuditNames } from './load-audit-names.ts';
export { getAuditFilterOptions } from './get-audit-filter-options.ts';
export { getLastAuditVerification } from './get-last-audit-verification.ts';
export {
  auditEventsSql,
  recordAuditEvent,
  recordAuditEvents,
  type TAuditEventInput,
} from './record-audit-event.ts';
export { recordRefusedAttempt } from './record-refused-attempt.ts';
export { IN_FLIGHT_WINDOW_MS, sealAuditLog } from './seal-audit-log.ts';
export { verifyAuditLog } from './verify-audit-log.ts';
export { runAuditVerification } from './run-audit-verification.ts';
export { listAuditLog } from './list-audit-log.ts';
export { auditLogExport } from './audit-log-export.ts';
