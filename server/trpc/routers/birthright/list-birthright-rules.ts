import { listBirthrightRules as listBirthrightRulesUseCase } from '@/server/modules/birthright/list-birthright-rules.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListBirthrightRulesOutput } from './list-birthright-rules.schema.ts';

export const listBirthrightRules = permissionProcedure('admin.birthright.manage')
  .output(ZListBirthrightRulesOutput)
  .query(({ ctx }) => listBirthrightRulesUseCase(ctx.db));
