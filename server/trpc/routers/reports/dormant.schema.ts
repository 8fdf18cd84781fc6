import { z } from 'zod';
import { GrantSource } from '@/prisma/generated/enums.ts';
import { ZDormantFilters } from '@/server/modules/reports/index.ts';
import { ZId } from '../shared.schema.ts';

const ZDormantKey = z.object({ displayName: z.string().max(1000), identityId: ZId, observedAccountId: ZId });

export const ZDormantInput = ZDormantFilters.extend({
  cursor: ZDormantKey.nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZDormantOutput = z.object({
  rows: z.array(
    z.object({
      observedAccountId: z.string(),
      identityId: z.string(),
      displayName: z.string(),
      username: z.string(),
      department: z.string().nullable(),
      applicationId: z.string(),
      applicationName: z.string(),
      account: z.object({ username: z.string(), nativeId: z.string() }),
      usage: z.enum(['DORMANT', 'NEVER_USED', 'UNKNOWN']),
      lastUsedAt: z.date().nullable(),
      knownSince: z.date(),
      idleDays: z.number().nullable(),
      entitlements: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          via: z.array(z.object({ source: z.enum(GrantSource), role: z.string().nullable() })),
        }),
      ),
      sources: z.array(z.enum(GrantSource)),
    }),
  ),
  nextCursor: ZDormantKey.nullable(),
});
