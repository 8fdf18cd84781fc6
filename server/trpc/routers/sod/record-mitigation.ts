import { recordMitigation as recordMitigationUseCase } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZIdOutput, ZRecordMitigationInput } from './sod.schema.ts';

export const recordMitigation = permissionProcedure('sod.mitigate')
  .input(ZRecordMitigationInput)
  .output(ZIdOutput)
  .mutation(({ ctx, input }) => recordMitigationUseCase(ctx.db, ctx.actor, input));
