import { listServiceAccounts as listServiceAccountsUseCase } from '@/server/modules/api-tokens/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListServiceAccountsOutput } from './list-service-accounts.schema.ts';

export const listServiceAccounts = permissionProcedure('admin.serviceAccounts.manage')
  .output(ZListServiceAccountsOutput)
  .query(({ ctx }) => listServiceAccountsUseCase(ctx.db));
