import { submitAccessRequests } from '@/server/modules/requests/submit-access-requests.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateRequestInput, ZCreateRequestOutput } from './create-request.schema.ts';

export const createRequest = permissionProcedure('request.create')
  .input(ZCreateRequestInput)
  .output(ZCreateRequestOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await submitAccessRequests(ctx.db, ctx.actor, input, { queue: ctx.queue });
    return { ...result, id: result.requests[0]!.id, status: result.requests[0]!.status };
  });
