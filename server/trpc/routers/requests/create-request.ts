import { createAccessRequest } from '@/server/modules/requests/create-access-request.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateRequestInput, ZCreateRequestOutput } from './create-request.schema.ts';

export const createRequest = permissionProcedure('request.create')
  .input(ZCreateRequestInput)
  .output(ZCreateRequestOutput)
  .mutation(({ ctx, input }) => createAccessRequest(ctx.db, ctx.actor, input));
