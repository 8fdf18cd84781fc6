import { router } from '../../init.ts';
import { decideStep } from './decide-step.ts';
import { listDelegations } from './list-delegations.ts';
import { listMyApprovals } from './list-my-approvals.ts';
import { revokeDelegation } from './revoke-delegation.ts';
import { setDelegation } from './set-delegation.ts';

export const approvalsRouter = router({ listMine: listMyApprovals, decide: decideStep, delegations: listDelegations, setDelegation, revokeDelegation });
