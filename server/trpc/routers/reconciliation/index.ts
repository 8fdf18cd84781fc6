import { router } from '../../init.ts';
// Decisions about findings and held runs (docs/decisions/056)
import { approveAdoption } from './approve-adoption.ts';
import { answerManagerAsk } from './answer-manager-ask.ts';
import { askManager } from './ask-manager.ts';
import { confirmHeldRun } from './confirm-held-run.ts';
import { decideFindings } from './decide-findings.ts';
import { denyAdoption } from './deny-adoption.ts';
import { dismissHeldRun } from './dismiss-held-run.ts';
// Review queue, runs and settings (docs/decisions/057)
import { findingCounts } from './finding-counts.ts';
import { getFinding } from './get-finding.ts';
import { getRun } from './get-run.ts';
import { getSettings } from './get-settings.ts';
import { listFindings } from './list-findings.ts';
import { listRuns } from './list-runs.ts';
import { saveSettings } from './save-settings.ts';
// Runs on demand (docs/decisions/055)
import { resyncPerson } from './resync-person.ts';
import { runNow } from './run-now.ts';

/** Reconciliation: the owners' review queue, runs, settings; decisions and runs on demand. */
export const reconciliationRouter = router({
  decide: decideFindings,
  confirmHeldRun,
  dismissHeldRun,
  approveAdoption,
  denyAdoption,
  askManager,
  answerManagerAsk,
  listFindings,
  getFinding,
  findingCounts,
  listRuns,
  getRun,
  getSettings,
  saveSettings,
  runNow,
  resyncPerson,
});
