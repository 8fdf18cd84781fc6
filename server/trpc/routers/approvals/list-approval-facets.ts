import { listApprovalFacets as listApprovalFacetsUseCase } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListApprovalFacetsInput, ZListApprovalFacetsOutput } from './list-approval-facets.schema.ts';

/** What the inbox's filters offer: the applications and people of the actor's queue. */
export const listApprovalFacets = permissionProcedure('approval.decide')
  .input(ZListApprovalFacetsInput)
  .output(ZListApprovalFacetsOutput)
  .query(({ ctx, input }) => listApprovalFacetsUseCase(ctx.db, ctx.actor, input.status));
