import { listAccountRules as listAccountRulesUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListAccountRulesOutput } from './list-account-rules.schema.ts';

export const listAccountRules = permissionProcedure('admin.applications.manage')
  .output(ZListAccountRulesOutput)
  .query(({ ctx }) => listAccountRulesUseCase(ctx.db));
