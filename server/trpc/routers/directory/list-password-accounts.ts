import { listPasswordAccounts as listPasswordAccountsOf } from '@/server/modules/passwords/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPasswordAccountsOutput, ZPersonPasswordAccountsInput } from './list-password-accounts.schema.ts';

/** A person's accounts whose application can force a password reset (their page, identity team). */
export const listPasswordAccounts = permissionProcedure('account.password.forceReset')
  .input(ZPersonPasswordAccountsInput)
  .output(ZPasswordAccountsOutput)
  .query(({ ctx, input }) => listPasswordAccountsOf(ctx.db, input.identityId, ctx.secretKey()));
