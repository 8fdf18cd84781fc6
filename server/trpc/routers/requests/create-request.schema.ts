import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZItemRef = z.object({ kind: z.enum(['ENTITLEMENT', 'ROLE']), id: ZId });

export const ZJustification = z
  .string()
  .trim()
  .min(10, 'Say in at least 10 characters why this access is needed (justification)')
  .max(2000, 'justification: at most 2000 characters');

/** Several items (entitlements or roles) in one submission; `entitlementId` is the one-item shorthand. */
export const ZCreateRequestInput = z
  .object({
    items: z
      .array(ZItemRef)
      .min(1, 'items: pick at least one item')
      .max(10, 'items: at most 10 items at once')
      .optional(),
    entitlementId: ZId.optional(),
    beneficiaryId: ZId.optional(),
    justification: ZJustification,
    requestedEndsAt: z.coerce.date({ message: 'requestedEndsAt: not a date' }).nullish(),
    idempotencyKey: z.string().min(8).max(100).optional(),
  })
  .refine((v) => !!v.items !== !!v.entitlementId, {
    message: 'items: give the items to request',
    path: ['items'],
  })
  .transform(({ entitlementId, items, ...rest }) => ({
    ...rest,
    items: items ?? [{ kind: 'ENTITLEMENT' as const, id: entitlementId! }],
  }));

export const ZCreateRequestOutput = z.object({
  batchId: z.string(),
  requests: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      itemName: z.string(),
      autoApprovedBy: z.string().nullable(),
    }),
  ),
  /** The first request (one-item submissions). */
  id: z.string(),
  status: z.string(),
});
