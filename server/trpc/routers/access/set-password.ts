import { setOwnPassword } from '@/server/modules/passwords/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSetPasswordInput, ZSetPasswordOutput } from './set-password.schema.ts';

/** A new password for the caller's own account in a directory, proving the current one (docs/decisions/068). */
export const setPassword = permissionProcedure('account.password.setOwn')
  .input(ZSetPasswordInput)
  .output(ZSetPasswordOutput)
  .mutation(({ ctx, input }) => setOwnPassword(ctx.db, ctx.actor, input, { secretKey: ctx.secretKey }));
