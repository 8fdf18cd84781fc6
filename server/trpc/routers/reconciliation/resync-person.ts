import { resyncPerson as resyncPersonUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZResyncPersonInput, ZResyncPersonOutput } from './resync-person.schema.ts';

/** "Resync this person": read their accounts back, then re-plan their access. */
export const resyncPerson = permissionProcedure('reconciliation.run')
  .input(ZResyncPersonInput)
  .output(ZResyncPersonOutput)
  .mutation(({ ctx, input }) => resyncPersonUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
