import { listApprovalInbox } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListMyApprovalsInput, ZListMyApprovalsOutput } from './list-my-approvals.schema.ts';

export const listMyApprovals = permissionProcedure('approval.decide')
  .meta({
    openapi: {
      method: 'POST',
      path: '/approvals/search',
      tags: ['Approvals'],
      summary: 'List my approvals',
      description:
        'Approval steps assigned to the token’s person (or delegated to them): PENDING or DECIDED, filtered and paged (`cursor` is the previous page’s `next`).',
    },
  })
  .input(ZListMyApprovalsInput)
  .output(ZListMyApprovalsOutput)
  .query(({ ctx, input }) => listApprovalInbox(ctx.db, ctx.actor, input));
