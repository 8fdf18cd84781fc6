// The public surface of reconciliation: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { approveAdoption, denyAdoption } from './adoption-approval.ts';
export { countFindings } from './count-findings.ts';
export { decideFindings } from './decide-findings.ts';
export { factKey } from './finding-facts.ts';
export { ZFindingFilters } from './finding-filters.ts';
export { findingsExport } from './findings-export.ts';
export { getFinding } from './get-finding.ts';
export { confirmHeldRun, dismissHeldRun } from './held-runs.ts';
export { listFindings } from './list-findings.ts';
export { getRun, listRuns } from './list-runs.ts';
export { answerManagerAsk, askManager } from './manager-ask.ts';
export { syncReconciliationSchedules, type TReconciliationScheduler } from './reconciliation-schedules.ts';
export {
  ZReconciliationSettings,
  reconciliationSettingsOf,
  type TReconciliationSettings,
} from './reconciliation-settings.ts';
export { reopenExpiredExceptions } from './reopen-expired-exceptions.ts';
export { resyncPerson } from './resync-person.ts';
export { runReconciliation } from './run-reconciliation.ts';
export { getReconciliationSettings, saveReconciliationSettings } from './save-reconciliation-settings.ts';
export { closeRevertedFindings, reopenFailedRevert } from './settle-reverted-findings.ts';
export { startReconciliation } from './start-reconciliation.ts';
