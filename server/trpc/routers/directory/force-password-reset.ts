import { forcePasswordReset as forcePasswordResetUseCase } from '@/server/modules/passwords/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZForcePasswordResetInput, ZForcePasswordResetOutput } from './force-password-reset.schema.ts';

/** The person must choose a new password for their account in a directory at their next sign-in. */
export const forcePasswordReset = permissionProcedure('account.password.forceReset')
  .input(ZForcePasswordResetInput)
  .output(ZForcePasswordResetOutput)
  .mutation(({ ctx, input }) =>
    forcePasswordResetUseCase(ctx.db, ctx.actor, input, { secretKey: ctx.secretKey }),
  );
