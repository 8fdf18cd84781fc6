import { z } from 'zod';
import { ACCOUNT_NAME_MAX } from '@/server/modules/provisioning/index.ts';
import { ZId } from '../shared.schema.ts';
import { ZConnectorType, ZTemplates } from './applications.schema.ts';

export const ZPreviewMappingInput = z.object({
  identityId: ZId,
  connectorType: ZConnectorType,
  attributeMapping: ZTemplates,
  usernameTemplate: z.string().max(200).optional(),
  maxLength: z.number().int().min(1).max(ACCOUNT_NAME_MAX).optional(),
});
