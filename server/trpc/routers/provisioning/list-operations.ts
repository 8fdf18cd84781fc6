import { listOperations as listOperationsUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListOperationsInput, ZListOperationsOutput } from './provisioning.schema.ts';

export const listOperations = permissionProcedure('provisioning.read')
  .input(ZListOperationsInput)
  .output(ZListOperationsOutput)
  .query(({ ctx, input }) => listOperationsUseCase(ctx.db, ctx.actor, input));
