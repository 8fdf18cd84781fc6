import { listMyRequests as listMyRequestsUseCase } from '@/server/modules/requests/list-my-requests.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListMyRequestsInput, ZListMyRequestsOutput } from './list-my-requests.schema.ts';

export const listMyRequests = permissionProcedure('request.readOwn')
  .input(ZListMyRequestsInput)
  .output(ZListMyRequestsOutput)
  .query(({ ctx, input }) => listMyRequestsUseCase(ctx.db, ctx.actor, input));
