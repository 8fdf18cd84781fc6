import { listAccessOf } from '@/server/modules/access/list-access.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAccessList } from './access.schema.ts';

export const listMyAccess = permissionProcedure('access.readOwn')
  .output(ZAccessList)
  .query(({ ctx }) => listAccessOf(ctx.db, ctx.actor.identityId));
