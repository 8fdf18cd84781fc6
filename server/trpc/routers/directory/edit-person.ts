import { editPerson as editPersonUseCase } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZEditPersonInput, ZEditPersonOutput } from './edit-person.schema.ts';

/** Changes what Gatehouse owns of a person (what no authoritative source ranks above it). */
export const editPerson = permissionProcedure('identity.manage')
  .input(ZEditPersonInput)
  .output(ZEditPersonOutput)
  .mutation(({ ctx, input }) => editPersonUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
