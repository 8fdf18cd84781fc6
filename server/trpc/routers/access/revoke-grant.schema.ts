import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZRevokeGrantInput = z.object({
  grantId: ZId,
  reason: z.string().trim().max(500, 'reason: at most 500 characters').optional(),
});
export const ZRevokeGrantOutput = z.object({ status: z.literal('REVOKED'), operations: z.number() });
