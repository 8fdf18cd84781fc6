import { z } from 'zod';
import { saveRole as saveRoleUseCase } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveRoleInput } from './catalog-admin.schema.ts';

export const saveRole = permissionProcedure('admin.catalog.manage')
  .input(ZSaveRoleInput)
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => saveRoleUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
