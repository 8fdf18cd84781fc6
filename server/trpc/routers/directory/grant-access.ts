import { grantDirectly } from '@/server/modules/access/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGrantAccessInput, ZGrantAccessOutput } from './grant-access.schema.ts';

/** A direct grant by the identity team (source ADMIN), through SoD like every path. */
export const grantAccess = permissionProcedure('access.grantDirect')
  .input(ZGrantAccessInput)
  .output(ZGrantAccessOutput)
  .mutation(({ ctx, input }) => grantDirectly(ctx.db, ctx.actor, input, { queue: ctx.queue }));
