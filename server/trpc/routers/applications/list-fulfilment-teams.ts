import { z } from 'zod';
import { listFulfilmentTeams as listFulfilmentTeamsUseCase } from '@/server/modules/fulfilment/index.ts';
import { permissionProcedure } from '../../init.ts';

export const listFulfilmentTeams = permissionProcedure('provisioning.read')
  .output(
    z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), members: z.number() })),
  )
  .query(({ ctx }) => listFulfilmentTeamsUseCase(ctx.db));
