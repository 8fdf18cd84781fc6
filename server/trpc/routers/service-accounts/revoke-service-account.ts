import { revokeApiToken } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRevokeServiceAccountInput, ZRevokeServiceAccountOutput } from './revoke-service-account.schema.ts';

export const revokeServiceAccount = permissionProcedure('admin.serviceAccounts.manage')
  .input(ZRevokeServiceAccountInput)
  .output(ZRevokeServiceAccountOutput)
  .mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.actor, input.tokenId));
