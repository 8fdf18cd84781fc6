import { z } from 'zod';

/** A token as lists show it: never its secret nor its hash. */
export const ZApiTokenRow = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  expiresAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZNewApiTokenFields = {
  name: z
    .string()
    .trim()
    .min(1, 'name: give the token a name, e.g. what will use it')
    .max(100, 'name: at most 100 characters'),
  permissions: z.array(z.string().max(100)).min(1, 'permissions: choose at least one').max(100),
  expiresInDays: z
    .number()
    .int('expiresInDays: whole days')
    .min(1, 'expiresInDays: at least 1 day')
    .max(366, 'expiresInDays: at most 366 days'),
};

/** The only time the token itself leaves the server. */
export const ZCreatedApiToken = ZApiTokenRow.pick({
  id: true,
  name: true,
  prefix: true,
  permissions: true,
  expiresAt: true,
  createdAt: true,
}).extend({ token: z.string() });

export const ZRevokeApiTokenInput = z.object({ tokenId: z.string().uuid('tokenId: must be an id') });
export const ZRevokeApiTokenOutput = z.object({ id: z.string(), revokedAt: z.date() });
