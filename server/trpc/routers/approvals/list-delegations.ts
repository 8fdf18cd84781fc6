import { listMyDelegations } from '@/server/modules/approvals/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListDelegationsOutput } from './delegations.schema.ts';

export const listDelegations = permissionProcedure('delegation.manage')
  .output(ZListDelegationsOutput)
  .query(({ ctx }) => listMyDelegations(ctx.db, ctx.actor));
