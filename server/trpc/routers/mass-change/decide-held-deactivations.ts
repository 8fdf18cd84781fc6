import { decideHeldDeactivations as decideHeldDeactivationsUseCase } from '@/server/modules/scim-server/index.ts';
import { permissionProcedure } from '../../init.ts';
import {
  ZDecideHeldDeactivationsInput,
  ZDecideHeldDeactivationsOutput,
} from './decide-held-deactivations.schema.ts';

/** Apply (in the order sent) or discard the SCIM deactivations held for a source, with a reason. */
export const decideHeldDeactivations = permissionProcedure('admin.massChange.manage')
  .input(ZDecideHeldDeactivationsInput)
  .output(ZDecideHeldDeactivationsOutput)
  .mutation(({ ctx, input }) =>
    decideHeldDeactivationsUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }),
  );
