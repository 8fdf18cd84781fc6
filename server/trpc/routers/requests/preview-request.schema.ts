import { z } from 'zod';
import { ZId, ZPersonRef, ZRisk } from '../shared.schema.ts';
import { ZItemRef } from './create-request.schema.ts';

export const ZPreviewRequestInput = z.object({
  items: z.array(ZItemRef).min(1).max(10),
  beneficiaryId: ZId.optional(),
  requestedEndsAt: z.coerce.date().nullish(),
});

export const ZSodConflictView = z.object({
  ruleName: z.string(),
  severity: z.enum(['BLOCK', 'MITIGATABLE']),
  status: z.enum(['BLOCKED', 'NEEDS_MITIGATION', 'MITIGATED']),
  explanation: z.string(),
});

export const ZPreviewStage = z.object({
  name: z.string(),
  kind: z.enum(['APPROVAL', 'SOD_MITIGATION']),
  mode: z.enum(['ANY', 'ALL', 'QUORUM']),
  required: z.number(),
  approvers: z.array(
    z.object({ id: z.string(), displayName: z.string(), reason: z.string(), team: z.string().nullable() }),
  ),
});

export const ZPreviewRequestOutput = z.object({
  beneficiary: ZPersonRef,
  /** The beneficiary's name when they are not the caller (justificationQuestion's argument), else null. */
  forWhom: z.string().nullable(),
  items: z.array(
    z.object({
      kind: z.enum(['ENTITLEMENT', 'ROLE']),
      id: z.string(),
      name: z.string(),
      risk: ZRisk,
      problems: z.array(z.object({ code: z.string(), message: z.string() })),
      policy: z
        .object({ name: z.string(), source: z.enum(['ATTACHED', 'RISK_DEFAULT', 'BUILT_IN']) })
        .nullable(),
      autoApproval: z.object({ ruleName: z.string() }).nullable(),
      stages: z.array(ZPreviewStage),
      sod: z.array(ZSodConflictView),
    }),
  ),
  canSubmit: z.boolean(),
  isBlockedBySod: z.boolean(),
  needsMitigation: z.boolean(),
  suggestions: z.array(
    z.object({
      roleId: z.string(),
      name: z.string(),
      description: z.string(),
      risk: ZRisk,
      covers: z.array(z.string()),
      alsoGives: z.array(z.string()),
    }),
  ),
});
export type TPreviewRequestOutput = z.infer<typeof ZPreviewRequestOutput>;
