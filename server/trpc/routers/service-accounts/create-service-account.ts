import { createServiceAccount as createServiceAccountUseCase } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZCreateServiceAccountInput, ZCreateServiceAccountOutput } from './create-service-account.schema.ts';

export const createServiceAccount = permissionProcedure('admin.serviceAccounts.manage')
  .input(ZCreateServiceAccountInput)
  .output(ZCreateServiceAccountOutput)
  .mutation(({ ctx, input }) => createServiceAccountUseCase(ctx.db, ctx.actor, input));
