import { router } from '../../init.ts';
import { decideStep } from './decide-step.ts';
import { listMyApprovals } from './list-my-approvals.ts';

export const approvalsRouter = router({ listMine: listMyApprovals, decide: decideStep });
