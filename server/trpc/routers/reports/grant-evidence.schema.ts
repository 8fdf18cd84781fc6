import { z } from 'zod';
import {
  GrantStatus,
  MembershipStatus,
  OperationKind,
  OperationStatus,
  RequestKind,
  RequestStatus,
  StageStatus,
  StepStatus,
} from '@/prisma/generated/enums.ts';
import { ZId, ZRisk } from '../shared.schema.ts';
import { ZGrantSource, ZIdentityStatus } from './reports.schema.ts';

export const ZGrantEvidenceInput = z.object({ id: ZId });

const ZRef = z.object({ id: z.string(), displayName: z.string() });
const ZApp = z.object({ id: z.string(), name: z.string() });

const ZRequestEvidence = z.object({
  id: z.string(),
  kind: z.enum(RequestKind),
  status: z.enum(RequestStatus),
  justification: z.string(),
  requestedEndsAt: z.date().nullable(),
  approvedEndsAt: z.date().nullable(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  requester: ZRef,
  beneficiary: ZRef,
  autoApprovedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  agentTokenId: z.string().nullable(),
  stages: z.array(
    z.object({
      position: z.number(),
      name: z.string(),
      kind: z.string(),
      mode: z.enum(['ANY', 'ALL', 'QUORUM']),
      quorum: z.number(),
      status: z.enum(StageStatus),
      decidedAt: z.date().nullable(),
      steps: z.array(
        z.object({
          id: z.string(),
          reason: z.string(),
          status: z.enum(StepStatus),
          comment: z.string().nullable(),
          decidedAt: z.date().nullable(),
          escalatedFromId: z.string().nullable(),
          approver: ZRef,
          decidedBy: ZRef.nullable(),
        }),
      ),
    }),
  ),
  sod: z
    .object({
      checkedAt: z.date().nullable(),
      isBlocked: z.boolean(),
      needsMitigation: z.boolean(),
      conflicts: z.array(
        z.object({
          ruleName: z.string(),
          severity: z.enum(['BLOCK', 'MITIGATABLE']),
          status: z.enum(['BLOCKED', 'NEEDS_MITIGATION', 'MITIGATED']),
          explanation: z.string(),
          mitigation: z.object({ id: z.string(), control: z.string(), expiresAt: z.date() }).nullable(),
        }),
      ),
    })
    .nullable(),
  mitigationsInForce: z.array(
    z.object({
      id: z.string(),
      ruleName: z.string(),
      control: z.string(),
      createdAt: z.date(),
      expiresAt: z.date(),
      revokedAt: z.date().nullable(),
    }),
  ),
});

export const ZGrantEvidenceOutput = z.object({
  grant: z.object({
    id: z.string(),
    source: ZGrantSource,
    sourceRef: z.string().nullable(),
    status: z.enum(GrantStatus),
    startsAt: z.date(),
    endsAt: z.date().nullable(),
    endedAt: z.date().nullable(),
    createdAt: z.date(),
    revokedAt: z.date().nullable(),
    revokeReason: z.string().nullable(),
    grantedBy: ZRef.nullable(),
    revokedBy: ZRef.nullable(),
    identity: z.object({
      id: z.string(),
      displayName: z.string(),
      username: z.string(),
      department: z.string().nullable(),
      title: z.string().nullable(),
      status: ZIdentityStatus,
    }),
    entitlement: z
      .object({ id: z.string(), name: z.string(), externalId: z.string(), risk: ZRisk, application: ZApp })
      .nullable(),
    role: z.object({ id: z.string(), name: z.string(), risk: ZRisk }).nullable(),
  }),
  /** The birthright rule as it reads now: rules keep no history of their conditions. */
  rule: z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      condition: z.unknown(),
      enabled: z.boolean(),
    })
    .nullable(),
  finding: z
    .object({
      id: z.string(),
      kind: z.string(),
      nativeId: z.string().nullable(),
      status: z.string(),
      /** The decision that made the grant (ADOPT), its reason, who decided and who approved it. */
      decision: z.string().nullable(),
      decisionReason: z.string().nullable(),
      decidedAt: z.date().nullable(),
      decidedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      resolution: z.string().nullable(),
      resolvedAt: z.date().nullable(),
      resolvedById: z.string().nullable(),
      resolvedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      createdAt: z.date(),
      application: z.object({ name: z.string() }),
    })
    .nullable(),
  requests: z.array(ZRequestEvidence),
  reviews: z.array(
    z.object({
      status: z.enum(['PENDING', 'KEPT', 'REVOKED', 'ENDED']),
      campaign: z.object({ id: z.string(), name: z.string() }),
      decisions: z.array(
        z.object({
          stage: z.number(),
          decision: z.enum(['KEEP', 'REVOKE', 'REASSIGN', 'ESCALATE']),
          comment: z.string().nullable(),
          decidedAt: z.date(),
          decider: z.string().nullable(),
        }),
      ),
    }),
  ),
  roleContents: z.array(
    z.object({
      entitlement: z.object({ id: z.string(), name: z.string(), application: ZApp }),
      startedAt: z.date(),
      endedAt: z.date().nullable(),
    }),
  ),
  accounts: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      nativeId: z.string().nullable(),
      status: z.enum(['ACTIVE', 'DISABLED', 'DELETED']),
      application: ZApp,
      memberships: z.array(
        z.object({
          entitlementId: z.string(),
          entitlementName: z.string(),
          status: z.enum(MembershipStatus),
          confirmedAt: z.date().nullable(),
        }),
      ),
      periods: z.array(
        z.object({
          entitlementId: z.string(),
          entitlementName: z.string(),
          startedAt: z.date(),
          confirmedAt: z.date().nullable(),
          endedAt: z.date().nullable(),
        }),
      ),
    }),
  ),
  operations: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(OperationKind),
      status: z.enum(OperationStatus),
      reason: z.string(),
      causeRef: z.string().nullable(),
      attempts: z.number(),
      outcome: z.string().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.date(),
      finishedAt: z.date().nullable(),
      application: z.object({ name: z.string() }),
      entitlement: z.object({ name: z.string() }).nullable(),
      account: z.string().nullable(),
      targetId: z.string().nullable(),
    }),
  ),
});
