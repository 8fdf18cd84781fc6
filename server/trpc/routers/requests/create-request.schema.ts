import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZCreateRequestInput = z.object({
  entitlementId: ZId,
  beneficiaryId: ZId.optional(),
  justification: z
    .string()
    .trim()
    .min(10, 'justification: say in at least 10 characters why this access is needed')
    .max(2000, 'justification: at most 2000 characters'),
  requestedEndsAt: z.coerce.date({ message: 'requestedEndsAt: not a date' }).nullish(),
  idempotencyKey: z.string().min(8).max(100).optional(),
});
export const ZCreateRequestOutput = z.object({ id: z.string(), status: z.string() });
export type TCreateRequestInput = z.infer<typeof ZCreateRequestInput>;
