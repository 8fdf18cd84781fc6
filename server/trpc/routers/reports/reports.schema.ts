import { z } from 'zod';
import { GrantSource, GrantStatus, IdentityStatus } from '@/prisma/generated/enums.ts';
import { ZAccessFilters } from '@/server/modules/reports/index.ts';
import { ZPageCursor, ZRisk } from '../shared.schema.ts';

/** Schemas the access reports share: a grant's why, a row of who holds what, the keyset cursor. */
export const ZGrantSource = z.enum(GrantSource);
export const ZIdentityStatus = z.enum(IdentityStatus);
const ZNamed = z.object({ id: z.string(), name: z.string() });

export const ZGrantWhy = z.object({
  grantId: z.string(),
  source: ZGrantSource,
  sourceRef: z.string().nullable(),
  status: z.enum(GrantStatus),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  role: ZNamed.nullable(),
  rule: ZNamed.nullable(),
  request: z
    .object({
      id: z.string(),
      justification: z.string(),
      autoApprovedBy: z.string().nullable(),
      decisions: z.array(
        z.object({
          approver: z.string(),
          decidedBy: z.string().nullable(),
          decision: z.enum(['APPROVED', 'DENIED']),
          at: z.date(),
          comment: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  grantedBy: z.string().nullable(),
  review: z
    .object({
      campaignId: z.string(),
      campaign: z.string(),
      at: z.date(),
      by: z.string().nullable(),
      outcome: z.enum(['KEPT', 'REVOKED']),
    })
    .nullable(),
});

export const ZWhoHasRow = z.object({
  identityId: z.string(),
  displayName: z.string(),
  username: z.string(),
  department: z.string().nullable(),
  identityStatus: ZIdentityStatus,
  entitlementId: z.string(),
  entitlementName: z.string(),
  risk: ZRisk,
  applicationId: z.string(),
  applicationName: z.string(),
  inTarget: z.boolean(),
  why: z.array(ZGrantWhy),
  until: z.date().nullable(),
});

export const ZPersonHeader = z.object({
  id: z.string(),
  displayName: z.string(),
  username: z.string(),
  email: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  status: ZIdentityStatus,
  startDate: z.date().nullable(),
  endDate: z.date().nullable(),
  terminatedAt: z.date().nullable(),
  manager: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  accounts: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      nativeId: z.string().nullable(),
      status: z.enum(['ACTIVE', 'DISABLED', 'DELETED']),
      application: ZNamed,
    }),
  ),
});

export const ZAccessPageInput = ZAccessFilters.extend({
  /** The previous page's `nextCursor`, as it came. */
  cursor: ZPageCursor.nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
