import { getOwnPasswordPolicy } from '@/server/modules/passwords/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPasswordPolicyInput, ZPasswordPolicyOutput } from './get-password-policy.schema.ts';

/** The directory's password rules for the caller's own account there, read when the form opens. */
export const getPasswordPolicy = permissionProcedure('account.password.setOwn')
  .input(ZPasswordPolicyInput)
  .output(ZPasswordPolicyOutput)
  .query(({ ctx, input }) => getOwnPasswordPolicy(ctx.db, ctx.actor, input, { secretKey: ctx.secretKey }));
