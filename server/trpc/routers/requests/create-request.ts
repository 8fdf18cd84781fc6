import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateRequestInput, ZCreateRequestOutput } from './create-request.schema.ts';

export const createRequest = permissionProcedure('request.create')
  .meta({
    openapi: {
      method: 'POST',
      path: '/requests',
      tags: ['Requests'],
      summary: 'Request access',
      description:
        'One item (`entitlementId`) or several (`items`), for yourself or (with the permission) someone else (`beneficiaryId`), with a justification and an optional end. Send an `idempotencyKey` to make a retry safe.',
    },
  })
  .input(ZCreateRequestInput)
  .output(ZCreateRequestOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await submitAccessRequests(ctx.db, ctx.actor, input, { queue: ctx.queue });
    return { ...result, id: result.requests[0]!.id, status: result.requests[0]!.status };
  });
