import { listPasswordAccounts as listPasswordAccountsOf } from '@/server/modules/passwords/list-password-accounts.ts';
import { ZPasswordAccountsOutput } from '../access/set-password.schema.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPersonPasswordAccountsInput } from './force-password-reset.schema.ts';

/** A person's accounts whose application can force a password reset (their page, identity team). */
export const listPasswordAccounts = permissionProcedure('account.password.forceReset')
  .input(ZPersonPasswordAccountsInput)
  .output(ZPasswordAccountsOutput)
  .query(({ ctx, input }) => listPasswordAccountsOf(ctx.db, input.identityId, ctx.secretKey()));
