import { z } from 'zod';
import { listApplications as listApplicationsUseCase } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZApplicationSummary } from './applications.schema.ts';

export const listApplications = permissionProcedure('provisioning.read')
  .output(z.array(ZApplicationSummary))
  .query(({ ctx }) => listApplicationsUseCase(ctx.db));
