import { listPasswordAccounts as listPasswordAccountsOf } from '@/server/modules/passwords/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPasswordAccountsOutput } from './list-password-accounts.schema.ts';

/** The caller's own accounts whose application can set a password from Gatehouse. */
export const listPasswordAccounts = permissionProcedure('account.password.setOwn')
  .output(ZPasswordAccountsOutput)
  .query(({ ctx }) => listPasswordAccountsOf(ctx.db, ctx.actor.identityId, ctx.secretKey()));
