import { z } from 'zod';
import { GrantSource, MembershipStatus } from '@/prisma/generated/enums.ts';
import { ZLeaverFilters } from '@/server/modules/reports/index.ts';
import { ZId } from '../shared.schema.ts';
import { ZIdentityStatus } from './reports.schema.ts';

const ZLeaverKey = z.object({ displayName: z.string().max(1000), identityId: ZId });

export const ZLeaversInput = ZLeaverFilters.extend({
  cursor: ZLeaverKey.nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZLeaversOutput = z.object({
  rows: z.array(
    z.object({
      identityId: z.string(),
      displayName: z.string(),
      username: z.string(),
      department: z.string().nullable(),
      status: ZIdentityStatus,
      endDate: z.date().nullable(),
      terminatedAt: z.date().nullable(),
      grants: z.array(
        z.object({
          grantId: z.string(),
          item: z.string(),
          applicationName: z.string().nullable(),
          source: z.enum(GrantSource),
          startsAt: z.date(),
        }),
      ),
      accounts: z.array(
        z.object({ applicationName: z.string(), username: z.string(), nativeId: z.string().nullable() }),
      ),
      memberships: z.array(
        z.object({
          applicationName: z.string(),
          entitlementName: z.string(),
          status: z.enum(MembershipStatus),
        }),
      ),
    }),
  ),
  nextCursor: ZLeaverKey.nullable(),
});
