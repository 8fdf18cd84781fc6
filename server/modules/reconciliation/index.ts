// The public surface of reconciliation: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { countFindings } from './count-findings.ts';
export { factKey } from './finding-facts.ts';
export { ZFindingFilters } from './finding-filters.ts';
export { getRun, listRuns } from './list-runs.ts';
export { approveAdoption, denyAdoption } from './adoption-approval.ts';
export {
  ZReconciliationSettings,
  reconciliationSettingsOf,
  type TReconciliationSettings,
} from './reconciliation-settings.ts';
export { decideFindings } from './decide-findings.ts';
export { listFindings } from './list-findings.ts';
export { findingsExport } from './findings-export.ts';
export { getFinding } from './get-finding.ts';
export { confirmHeldRun, dismissHeldRun } from './held-runs.ts';
export { answerManagerAsk, askManager } from './manager-ask.ts';
export { syncReconciliationSchedules, type TReconciliationScheduler } from './reconciliation-schedules.ts';
export { reopenExpiredExceptions } from './reopen-expired-exceptions.ts';
export { startReconciliation } from './start-reconciliation.ts';
export { resyncPerson } from './resync-person.ts';
export { runReconciliation } from './run-reconciliation.ts';
export { getReconciliationSettings, saveReconciliationSettings } from './save-reconciliation-settings.ts';
