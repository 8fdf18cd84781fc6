import { revokeGrant as revokeGrantUseCase } from '@/server/modules/access/index.ts';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokeGrantInput, ZRevokeGrantOutput } from './revoke-grant.schema.ts';

/** The identity team removes any active grant from a person's page, with a reason (through endGrant). */
export const revokeGrant = permissionProcedure('access.revokeAny')
  .input(ZRevokeGrantInput)
  .output(ZRevokeGrantOutput)
  .mutation(({ ctx, input }) =>
    revokeGrantUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue, closePendingExtensions }),
  );
