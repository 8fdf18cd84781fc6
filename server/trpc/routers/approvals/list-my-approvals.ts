import { listApprovalInbox } from '@/server/modules/approvals/list-my-approvals.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListMyApprovalsInput, ZListMyApprovalsOutput } from './list-my-approvals.schema.ts';

export const listMyApprovals = permissionProcedure('approval.decide')
  .input(ZListMyApprovalsInput)
  .output(ZListMyApprovalsOutput)
  .query(({ ctx, input }) => listApprovalInbox(ctx.db, ctx.actor, input));
