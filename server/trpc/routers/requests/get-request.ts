import { AppError } from '@/server/lib/app-error.ts';
import { listMyRequests } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetRequestInput, ZGetRequestOutput } from './get-request.schema.ts';

/** One of the person's requests (made by them or for them) with its status; anyone else's reads as not found. */
export const getRequest = permissionProcedure('request.readOwn')
  .meta({
    openapi: {
      method: 'GET',
      path: '/requests/{id}',
      tags: ['Requests'],
      summary: 'A request’s status',
      description:
        'One request made by or for the token’s person: status, approval chain, provisioning state and timeline.',
    },
  })
  .input(ZGetRequestInput)
  .output(ZGetRequestOutput)
  .query(async ({ ctx, input }) => {
    const [request] = await listMyRequests(ctx.db, ctx.actor, { limit: 1, id: input.id });
    if (!request) throw new AppError('NOT_FOUND', 'No such request of yours');
    return request;
  });
