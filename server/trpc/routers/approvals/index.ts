import { router } from '../../init.ts';
import { decideStep } from './decide-step.ts';
import { decideSteps } from './decide-steps.ts';
import { listApprovalFacets } from './list-approval-facets.ts';
import { listDelegations } from './list-delegations.ts';
import { listMyApprovals } from './list-my-approvals.ts';
import { revokeDelegation } from './revoke-delegation.ts';
import { setDelegation } from './set-delegation.ts';

export const approvalsRouter = router({
  listMine: listMyApprovals,
  facets: listApprovalFacets,
  decide: decideStep,
  decideMany: decideSteps,
  delegations: listDelegations,
  setDelegation,
  revokeDelegation,
});
