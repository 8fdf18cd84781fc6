import { router } from '../../init.ts';
// Review queue and runs (review-queue branch)
import { findingCounts } from './finding-counts.ts';
import { getFinding } from './get-finding.ts';
import { getRun } from './get-run.ts';
import { getSettings } from './get-settings.ts';
import { listFindings } from './list-findings.ts';
import { listRuns } from './list-runs.ts';
import { saveSettings } from './save-settings.ts';
// PLACEHOLDERS — replaced at merge by the engine/reactions branch
import { confirmHeldRun } from './confirm-held-run.ts';
import { decide } from './decide.ts';
import { dismissHeldRun } from './dismiss-held-run.ts';
import { resyncPerson } from './resync-person.ts';
import { runNow } from './run-now.ts';

/** Reconciliation: the owners' review queue, runs, settings; decisions and runs on demand. */
export const reconciliationRouter = router({
  // Review queue and runs (review-queue branch)
  listFindings,
  getFinding,
  findingCounts,
  listRuns,
  getRun,
  getSettings,
  saveSettings,
  // PLACEHOLDERS — replaced at merge by the engine/reactions branch
  decide,
  runNow,
  resyncPerson,
  confirmHeldRun,
  dismissHeldRun,
});
