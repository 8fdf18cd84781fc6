import { z } from 'zod';
import {
  ZApprovalPolicyStages,
  ZAutoApprovalCondition,
  ZApprovalSettings,
} from '@/server/modules/approvals/index.ts';
import { ZId, ZRisk } from '../shared.schema.ts';

export const ZPolicyStages = ZApprovalPolicyStages;

export const ZPolicy = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  defaultForRisk: ZRisk.nullable(),
  stages: ZApprovalPolicyStages,
  valid: z.boolean(),
  attached: z.number(),
  updatedAt: z.date(),
});
export const ZListPoliciesOutput = z.object({
  policies: z.array(ZPolicy),
  teams: z.array(z.object({ key: z.string(), name: z.string(), members: z.number() })),
  people: z.array(z.object({ id: z.string(), displayName: z.string() })),
});

export const ZSavePolicyInput = z.object({
  id: ZId.optional(),
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'key: lower-case letters, digits and dashes'),
  name: z.string().trim().min(3, 'name: at least 3 characters').max(120),
  description: z.string().trim().max(1000).default(''),
  defaultForRisk: ZRisk.nullable().default(null),
  stages: ZApprovalPolicyStages,
});
export const ZIdOutput = z.object({ id: z.string() });
export const ZDeleteInput = z.object({ id: ZId });
export const ZDeletedOutput = z.object({ deleted: z.literal(true) });

export const ZPolicyTarget = z.object({
  kind: z.enum(['ENTITLEMENT', 'ROLE']),
  id: z.string(),
  name: z.string(),
  risk: ZRisk,
  application: z.string().nullable(),
  policy: z.object({ id: z.string(), name: z.string() }).nullable(),
  effective: z.string(),
});
export const ZAttachPolicyInput = z.object({
  policyId: ZId.nullable(),
  targets: z
    .array(z.object({ kind: z.enum(['ENTITLEMENT', 'ROLE']), id: ZId }))
    .min(1)
    .max(500),
});
export const ZAttachPolicyOutput = z.object({ updated: z.number() });

export const ZSettings = ZApprovalSettings;

export const ZAutoRule = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  condition: ZAutoApprovalCondition,
  valid: z.boolean(),
  summary: z.string(),
  approved: z.number(),
  updatedAt: z.date(),
});
export const ZSaveAutoRuleInput = z.object({
  id: ZId.optional(),
  name: z.string().trim().min(3, 'name: at least 3 characters').max(120),
  description: z.string().trim().max(1000).default(''),
  enabled: z.boolean().default(true),
  condition: ZAutoApprovalCondition,
});
