import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZScimTokenRow = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  sourceName: z.string(),
  createdBy: z.string().nullable(),
});
export const ZListScimTokensOutput = z.array(ZScimTokenRow);

export const ZCreateScimTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name: give the token a name, e.g. the IdP it is for')
    .max(100, 'name: at most 100 characters'),
  /** The SCIM source (IdP) the token writes to and reads from: each IdP sees only its own. */
  sourceId: ZId,
});

export const ZListScimSourcesOutput = z.array(z.object({ id: z.string(), name: z.string() }));
/** The only time the token itself leaves the server. */
export const ZCreateScimTokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  token: z.string(),
});

export const ZRevokeScimTokenInput = z.object({ tokenId: ZId });
export const ZRevokeScimTokenOutput = z.object({ id: z.string(), revokedAt: z.date() });
