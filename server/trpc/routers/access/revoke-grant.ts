import { revokeGrant as revokeGrantUseCase } from '@/server/modules/access/index.ts';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokeGrantInput, ZRevokeGrantOutput } from './revoke-grant.schema.ts';

/** The holder gives access up, or their manager (or an admin) takes it away; the use case checks which. */
export const revokeGrant = permissionProcedure('access.readOwn')
  .meta({
    openapi: {
      method: 'POST',
      path: '/grants/{grantId}/revoke',
      tags: ['Access'],
      summary: 'Revoke a grant',
      description: 'Give up your own access, take a report’s away (managers) or anyone’s (identity team).',
    },
  })
  .input(ZRevokeGrantInput)
  .output(ZRevokeGrantOutput)
  .mutation(({ ctx, input }) =>
    revokeGrantUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue, closePendingExtensions }),
  );
