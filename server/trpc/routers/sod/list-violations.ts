import { listSodViolations } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListViolationsOutput } from './sod.schema.ts';

export const listViolations = permissionProcedure('sod.read')
  .output(ZListViolationsOutput)
  .query(({ ctx }) => listSodViolations(ctx.db));
