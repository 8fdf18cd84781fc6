import { listBirthrightRules as listBirthrightRulesUseCase } from '@/server/modules/birthright/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListBirthrightRulesOutput } from './list-birthright-rules.schema.ts';

export const listBirthrightRules = permissionProcedure('admin.birthright.manage')
  .output(ZListBirthrightRulesOutput)
  .query(({ ctx }) => listBirthrightRulesUseCase(ctx.db));
