import { z } from 'zod';
import {
  FindingDecision,
  FindingKind,
  FindingStatus,
  IdentityStatus,
  ManagerAnswer,
} from '@/prisma/generated/enums.ts';
import { ZFindingFilters } from '@/server/modules/reconciliation/index.ts';
import { ZPageCursor, ZRisk } from '../shared.schema.ts';

export const ZListFindingsInput = ZFindingFilters.extend({
  /** The previous page's `nextCursor`, as it came. */
  cursor: ZPageCursor.nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** A finding with the context a reviewer decides on (server/modules/reconciliation/finding-context.ts). */
export const ZFindingWithContext = z.object({
  id: z.string(),
  kind: z.enum(FindingKind),
  status: z.enum(FindingStatus),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  application: z.object({ id: z.string(), name: z.string() }),
  entitlement: z.object({ id: z.string(), name: z.string(), risk: ZRisk }).nullable(),
  person: z
    .object({
      id: z.string(),
      displayName: z.string(),
      username: z.string(),
      department: z.string().nullable(),
      status: z.enum(IdentityStatus),
      endDate: z.date().nullable(),
      isLeaver: z.boolean(),
      manager: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    })
    .nullable(),
  account: z.object({
    username: z.string().nullable(),
    nativeId: z.string().nullable(),
    enabled: z.boolean().nullable(),
  }),
  drift: z.object({ attribute: z.string(), actual: z.string(), expected: z.string() }).nullable(),
  holders: z.object({ count: z.number(), names: z.array(z.string()) }).nullable(),
  sod: z
    .object({
      conflicts: z.array(
        z.object({
          ruleName: z.string(),
          severity: z.enum(['BLOCK', 'MITIGATABLE']),
          explanation: z.string(),
        }),
      ),
    })
    .nullable(),
  decision: z.object({
    decision: z.enum(FindingDecision).nullable(),
    reason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.date().nullable(),
    exceptionUntil: z.date().nullable(),
    resolution: z.string().nullable(),
    resolvedAt: z.date().nullable(),
  }),
  managerAsk: z
    .object({
      managerName: z.string(),
      askedAt: z.date(),
      answer: z.enum(ManagerAnswer).nullable(),
      comment: z.string().nullable(),
      answeredAt: z.date().nullable(),
    })
    .nullable(),
  /** Whether the reader may decide this finding: the queue offers decisions only where the server would take them. */
  mayDecide: z.boolean(),
});

export const ZListFindingsOutput = z.object({
  rows: z.array(ZFindingWithContext),
  nextCursor: z.string().nullable(),
});
