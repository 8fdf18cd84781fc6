import { z } from 'zod';
import { IDENTITY_LIMITS } from '@/server/modules/identities/index.ts';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import { ZPersonFields } from './person.schema.ts';

export const ZCreatePersonInput = ZPersonFields.partial({
  ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, true])) as Record<TProfileAttribute, true>),
  managerId: true,
  startDate: true,
  endDate: true,
}).extend({
  username: z
    .string()
    .trim()
    .max(IDENTITY_LIMITS.username, 'username: too long')
    .regex(/^[a-z0-9._-]*$/i, 'username: letters, digits, dots, dashes and underscores')
    .nullish(),
});
export const ZCreatePersonOutput = z.object({
  identityId: z.string(),
  username: z.string(),
  events: z.array(z.string()),
});
