import { listMyRequests as listMyRequestsUseCase } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListMyRequestsInput, ZListMyRequestsOutput } from './list-my-requests.schema.ts';

export const listMyRequests = permissionProcedure('request.readOwn')
  .meta({
    openapi: {
      method: 'GET',
      path: '/requests',
      tags: ['Requests'],
      summary: 'List my requests',
      description:
        'Requests made by or for the token’s person, newest first, with status, approval chain and provisioning state.',
    },
  })
  .input(ZListMyRequestsInput)
  .output(ZListMyRequestsOutput)
  .query(({ ctx, input }) => listMyRequestsUseCase(ctx.db, ctx.actor, input));
