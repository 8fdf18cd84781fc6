import { z } from 'zod';
import { ZPreviewBirthrightRuleOutput } from '../birthright/preview-birthright-rule.schema.ts';
import { ZId } from '../shared.schema.ts';

export const ZPreviewRoleChangeInput = z.object({
  /** Null for a role not saved yet: only the rules its contents break by themselves are known. */
  roleId: ZId.nullable(),
  entitlementIds: z.array(ZId).max(200),
});
const ZPerson = z.object({ id: z.string(), displayName: z.string() });
export const ZPreviewRoleChangeOutput = z.object({
  holders: z.number(),
  /** The same items as a birthright rule's what-if. */
  gains: ZPreviewBirthrightRuleOutput.shape.gains,
  losses: ZPreviewBirthrightRuleOutput.shape.losses,
  peopleLosing: z.number(),
  conflicts: z.array(
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      severity: z.enum(['BLOCK', 'MITIGATABLE']),
      sideA: z.array(z.string()),
      sideB: z.array(z.string()),
      people: z.array(ZPerson.extend({ explanation: z.string() })),
    }),
  ),
  /** Rules the contents break by themselves, whoever holds the role: a blocking one refuses the save. */
  withinRole: z.array(
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      severity: z.enum(['BLOCK', 'MITIGATABLE']),
      sideA: z.array(z.string()),
      sideB: z.array(z.string()),
    }),
  ),
  massChange: z.object({
    affected: z.number(),
    population: z.number(),
    percent: z.number(),
    isHeld: z.boolean(),
  }),
});
