import { z } from 'zod';
import { listSodRules } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSodRule } from './sod.schema.ts';

export const listRules = permissionProcedure('sod.read')
  .output(z.array(ZSodRule))
  .query(({ ctx }) => listSodRules(ctx.db));
