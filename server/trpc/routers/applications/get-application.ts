import { z } from 'zod';
import { getApplication as getApplicationUseCase } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';
import { ZApplicationDetail } from './applications.schema.ts';

export const getApplication = permissionProcedure('provisioning.read')
  .input(z.object({ id: ZId }))
  .output(ZApplicationDetail)
  .query(({ ctx, input }) => getApplicationUseCase(ctx.db, input.id, ctx.secretKey()));
