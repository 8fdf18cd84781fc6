import { z } from 'zod';
import { testApplicationConnection } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';

export const testConnection = permissionProcedure('admin.applications.manage')
  .input(z.object({ id: ZId }))
  .output(z.object({ ok: z.boolean(), message: z.string(), kind: z.string().optional(), testedAt: z.date() }))
  .mutation(({ ctx, input }) =>
    testApplicationConnection(ctx.db, ctx.actor, input.id, { secretKey: ctx.secretKey() }),
  );
