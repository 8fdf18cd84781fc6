import { z } from 'zod';
import { saveApplication as saveApplicationUseCase } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveApplicationInput } from './applications.schema.ts';

export const saveApplication = permissionProcedure('admin.applications.manage')
  .input(ZSaveApplicationInput)
  .output(z.object({ id: z.string(), replanning: z.boolean() }))
  .mutation(({ ctx, input }) =>
    saveApplicationUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue, secretKey: ctx.secretKey() }),
  );
