import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

/** On a person's page the identity team always says why (the holder's own "give up" need not). */
export const ZRevokeGrantInput = z.object({
  grantId: ZId,
  reason: z.string().trim().min(1, 'reason: say why').max(500, 'reason: at most 500 characters'),
});
export const ZRevokeGrantOutput = z.object({ status: z.literal('REVOKED'), operations: z.number() });
