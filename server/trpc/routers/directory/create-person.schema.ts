import { z } from 'zod';
import { IDENTITY_LIMITS } from '@/server/modules/identities/index.ts';
import { ZPersonFields } from './person.schema.ts';

export const ZCreatePersonInput = ZPersonFields.partial({
  department: true,
  title: true,
  location: true,
  costCenter: true,
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
