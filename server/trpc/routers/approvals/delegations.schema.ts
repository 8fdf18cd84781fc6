import { z } from 'zod';
import { ZId, ZPersonRef } from '../shared.schema.ts';

export const ZDelegation = z.object({
  id: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  isActive: z.boolean(),
  delegator: ZPersonRef,
  delegate: ZPersonRef,
});
export const ZListDelegationsOutput = z.object({
  given: z.array(ZDelegation),
  received: z.array(ZDelegation),
});

export const ZSetDelegationInput = z.object({
  delegateId: ZId,
  startsAt: z.coerce.date({ message: 'startsAt: not a date' }),
  endsAt: z.coerce.date({ message: 'endsAt: not a date' }),
});
export const ZSetDelegationOutput = z.object({ id: z.string() });
export const ZRevokeDelegationInput = z.object({ delegationId: ZId });
export const ZRevokeDelegationOutput = z.object({ revoked: z.literal(true) });
