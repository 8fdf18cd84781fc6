import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZIdentityStatus } from './list-identities.schema.ts';

export const ZSetStatusInput = z.object({
  identityId: ZId,
  action: z.enum(['SUSPEND', 'REACTIVATE', 'TERMINATE']),
  reason: z.string().trim().min(1, 'reason: say why').max(500, 'reason: at most 500 characters'),
});
export const ZSetStatusOutput = z.object({ status: ZIdentityStatus });
