import { listAccessOf } from '@/server/modules/access/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAccessList } from './access.schema.ts';

export const listMyAccess = permissionProcedure('access.readOwn')
  .meta({
    openapi: {
      method: 'GET',
      path: '/access/me',
      tags: ['Access'],
      summary: 'List my access',
      description: 'What the token’s person holds, application by application, with why.',
    },
  })
  .output(ZAccessList)
  .query(({ ctx }) => listAccessOf(ctx.db, ctx.actor.identityId));
