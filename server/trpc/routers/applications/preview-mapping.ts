import { z } from 'zod';
import { ACCOUNT_NAME_MAX } from '@/server/modules/provisioning/index.ts';
import { previewMapping as previewMappingUseCase } from '@/server/modules/applications/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';
import { ZConnectorType } from './applications.schema.ts';

export const previewMapping = permissionProcedure('admin.applications.manage')
  .input(
    z.object({
      identityId: ZId,
      connectorType: ZConnectorType,
      attributeMapping: z.record(z.string(), z.string().max(500)),
      usernameTemplate: z.string().max(200).optional(),
      maxLength: z.number().int().min(1).max(ACCOUNT_NAME_MAX).optional(),
    }),
  )
  .output(
    z.object({
      username: z.string(),
      naming: z.string().nullable(),
      attributes: z.record(z.string(), z.string().nullable()),
    }),
  )
  .query(({ ctx, input }) => previewMappingUseCase(ctx.db, input));
