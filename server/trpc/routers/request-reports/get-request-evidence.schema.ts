import { z } from 'zod';
import { ZTimelineEvent } from '../requests/list-my-requests.schema.ts';
import { ZId, ZRisk } from '../shared.schema.ts';

export const ZGetRequestEvidenceInput = z.object({ id: ZId });

const ZPerson = z.object({ id: z.string(), displayName: z.string(), username: z.string() });
const ZPersonDetail = ZPerson.extend({
  title: z.string().nullable(),
  department: z.string().nullable(),
  status: z.enum(['PREHIRE', 'ACTIVE', 'SUSPENDED', 'TERMINATED']),
});
const ZStepStatus = z.enum(['PENDING', 'APPROVED', 'DENIED', 'SKIPPED', 'CANCELLED']);

const ZStep = z.object({
  id: z.string(),
  approver: ZPerson,
  reason: z.string(),
  why: z.string(),
  status: ZStepStatus,
  assignedAt: z.date(),
  decidedAt: z.date().nullable(),
  decidedBy: ZPerson.nullable(),
  comment: z.string().nullable(),
  escalatedAt: z.date().nullable(),
  escalatedFrom: ZPerson.nullable(),
  standIn: z.object({ delegationId: z.string(), startsAt: z.date(), endsAt: z.date() }).nullable(),
  delegations: z.array(
    z.object({
      id: z.string(),
      delegate: ZPerson,
      startsAt: z.date(),
      endsAt: z.date(),
      revokedAt: z.date().nullable(),
    }),
  ),
});

const ZStage = z.object({
  position: z.number(),
  name: z.string(),
  kind: z.string(),
  mode: z.enum(['ANY', 'ALL', 'QUORUM']),
  required: z.number(),
  approvals: z.number(),
  seats: z.number(),
  status: z.string(),
  slaHours: z.number().nullable(),
  dueAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  steps: z.array(ZStep),
});

const ZSodCheck = z.object({
  when: z.enum(['SUBMITTED', 'LAST_APPROVAL']),
  checkedAt: z.date(),
  isBlocked: z.boolean().nullable(),
  needsMitigation: z.boolean().nullable(),
  conflicts: z.array(
    z.object({
      ruleName: z.string(),
      severity: z.enum(['BLOCK', 'MITIGATABLE']).nullable(),
      status: z.string(),
      explanation: z.string().nullable(),
    }),
  ),
});

const ZMitigation = z.object({
  id: z.string(),
  ruleName: z.string(),
  control: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  recordedBy: z.string().nullable(),
  state: z.enum(['IN_FORCE', 'EXPIRED', 'REVOKED']),
  recordedForThisRequest: z.boolean(),
  inForceWhenDecided: z.boolean().nullable(),
});

export const ZOperation = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  reason: z.string(),
  attempts: z.number(),
  outcome: z.string().nullable(),
  errorKind: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  application: z.object({ id: z.string(), name: z.string() }),
  entitlementName: z.string().nullable(),
  entitlementTargetId: z.string().nullable(),
  accountUsername: z.string().nullable(),
  targetId: z.string().nullable(),
  fulfilment: z
    .object({
      status: z.string(),
      targetId: z.string().nullable(),
      failureReason: z.string().nullable(),
      completedAt: z.date().nullable(),
      assignee: z.string().nullable(),
      team: z.string().nullable(),
    })
    .nullable(),
});

export const ZRequestEvidence = z.object({
  generatedAt: z.date(),
  request: z.object({
    id: z.string(),
    number: z.string(),
    batchId: z.string(),
    kind: z.enum(['GRANT', 'EXTEND']),
    status: z.enum(['PENDING', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED']),
    justification: z.string(),
    requestedEndsAt: z.date().nullable(),
    approvedEndsAt: z.date().nullable(),
    createdAt: z.date(),
    decidedAt: z.date().nullable(),
    grantId: z.string().nullable(),
    requester: ZPersonDetail,
    beneficiary: ZPersonDetail,
    item: z.object({
      kind: z.enum(['ENTITLEMENT', 'ROLE']),
      name: z.string(),
      risk: ZRisk,
      applicationName: z.string().nullable(),
      targetId: z.string().nullable(),
    }),
  }),
  batch: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.string(),
      itemName: z.string(),
      applicationName: z.string().nullable(),
      isThis: z.boolean(),
    }),
  ),
  autoApproval: z
    .object({ ruleName: z.string(), description: z.string(), condition: z.string().nullable() })
    .nullable(),
  chain: z.array(ZStage),
  sod: z.object({ checks: z.array(ZSodCheck), mitigations: z.array(ZMitigation) }),
  provisioning: z.array(ZOperation),
  grant: z
    .object({
      id: z.string(),
      status: z.enum(['ACTIVE', 'REVOKED', 'EXPIRED']),
      source: z.string(),
      startsAt: z.date(),
      endsAt: z.date().nullable(),
      endedAt: z.date().nullable(),
      revokedAt: z.date().nullable(),
      revokeReason: z.string().nullable(),
      grantedBy: ZPerson.nullable(),
      revokedBy: ZPerson.nullable(),
    })
    .nullable(),
  timeline: z.array(ZTimelineEvent),
});
export type TRequestEvidenceView = z.infer<typeof ZRequestEvidence>;
