import { createPerson as createPersonUseCase } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreatePersonInput, ZCreatePersonOutput } from './create-person.schema.ts';

/** Adds a person by hand (a contractor, a service owner): a record of the Gatehouse source. */
export const createPerson = permissionProcedure('identity.manage')
  .input(ZCreatePersonInput)
  .output(ZCreatePersonOutput)
  .mutation(({ ctx, input }) => createPersonUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
