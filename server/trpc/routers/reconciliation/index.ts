import { router } from '../../init.ts';
import { approveAdoption } from './approve-adoption.ts';
import { confirmHeldRun } from './confirm-held-run.ts';
import { decideFindings } from './decide-findings.ts';
import { denyAdoption } from './deny-adoption.ts';
import { dismissHeldRun } from './dismiss-held-run.ts';

export const reconciliationRouter = router({
  // Decisions about findings and held runs (docs/decisions/056)
  decide: decideFindings,
  confirmHeldRun,
  dismissHeldRun,
  approveAdoption,
  denyAdoption,
});
