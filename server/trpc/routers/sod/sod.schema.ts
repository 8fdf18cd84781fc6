import { z } from 'zod';
import { ZSodRuleInput } from '@/server/modules/sod/index.ts';
import { ZId } from '../shared.schema.ts';

const ZRuleItem = z.object({
  kind: z.enum(['ENTITLEMENT', 'ROLE']),
  id: z.string(),
  name: z.string(),
  application: z.string().nullable(),
});
export const ZSodRule = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  severity: z.enum(['BLOCK', 'MITIGATABLE']),
  enabled: z.boolean(),
  updatedAt: z.date(),
  sideA: z.array(ZRuleItem),
  sideB: z.array(ZRuleItem),
  openViolations: z.number(),
});

export const ZSaveSodRuleInput = ZSodRuleInput.and(z.object({ id: ZId.optional() }));
export const ZIdOutput = z.object({ id: z.string() });
export const ZDeleteInput = z.object({ id: ZId });
/** A rule with history is retired (its violations and controls kept for the report); one without is deleted. */
export const ZRetiredOutput = z.object({ outcome: z.enum(['deleted', 'retired']), resolved: z.number() });

const ZPersonBrief = z.object({
  id: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
});
export const ZPreviewSodRuleOutput = z.object({
  count: z.number(),
  violators: z.array(
    z.object({
      person: ZPersonBrief,
      status: z.enum(['BLOCKED', 'NEEDS_MITIGATION', 'MITIGATED']),
      explanation: z.string(),
    }),
  ),
});

const ZViolation = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), severity: z.enum(['BLOCK', 'MITIGATABLE']) }),
  identity: ZPersonBrief,
  detectedAt: z.date(),
  resolvedAt: z.date().nullable(),
  status: z.string(),
  explanation: z.string(),
  prevented: z.string().nullable(),
  grants: z.array(
    z.object({
      id: z.string(),
      item: z.string(),
      source: z.string(),
      since: z.date(),
      endsAt: z.date().nullable(),
      grantedBy: z.string().nullable(),
    }),
  ),
  mitigation: z
    .object({ id: z.string(), control: z.string(), expiresAt: z.date(), createdAt: z.date() })
    .nullable(),
});
export const ZListViolationsOutput = z.object({ open: z.array(ZViolation), prevented: z.array(ZViolation) });

export const ZScanOutput = z.object({
  people: z.number(),
  open: z.number(),
  found: z.number(),
  resolved: z.number(),
  raisedAgain: z.number(),
});

export const ZRecordMitigationInput = z.object({
  ruleId: ZId,
  identityId: ZId,
  control: z.string().trim().min(5, 'control: describe the control in at least 5 characters').max(1000),
  expiresAt: z.coerce.date({ message: 'expiresAt: not a date' }),
});
export const ZRevokeMitigationInput = z.object({ id: ZId });
export const ZRevokedOutput = z.object({ revoked: z.literal(true) });
