import { z } from 'zod';
import { ZExpiringFilters } from '@/server/modules/reports/index.ts';
import { ZId, ZRisk } from '../shared.schema.ts';
import { ZGrantWhy, ZIdentityStatus } from './reports.schema.ts';

const ZExpiringKey = z.object({ endsAt: z.date(), grantId: ZId });

export const ZExpiringInput = ZExpiringFilters.extend({
  cursor: ZExpiringKey.nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZExpiringOutput = z.object({
  rows: z.array(
    z.object({
      grantId: z.string(),
      identityId: z.string(),
      displayName: z.string(),
      username: z.string(),
      department: z.string().nullable(),
      identityStatus: ZIdentityStatus,
      item: z.object({
        kind: z.enum(['ENTITLEMENT', 'ROLE']),
        id: z.string(),
        name: z.string(),
        risk: ZRisk,
        applicationName: z.string().nullable(),
      }),
      endsAt: z.date(),
      daysLeft: z.number(),
      why: ZGrantWhy.nullable(),
    }),
  ),
  nextCursor: ZExpiringKey.nullable(),
});
