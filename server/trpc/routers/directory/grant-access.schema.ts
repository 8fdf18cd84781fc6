import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZGrantAccessInput = z.object({
  identityId: ZId,
  item: z.object({ kind: z.enum(['ENTITLEMENT', 'ROLE']), id: ZId }),
  reason: z.string().trim().min(1, 'reason: say why').max(500, 'reason: at most 500 characters'),
  /** The end of the calendar day the admin chose, in their time zone (the browser computes it). */
  endsAt: z.coerce.date().nullish(),
  mitigation: z
    .object({
      control: z.string().trim().min(1, 'control: say what it is').max(500),
      expiresAt: z.coerce.date(),
    })
    .optional(),
});
export const ZGrantAccessOutput = z.object({ grantId: z.string(), operations: z.number() });
