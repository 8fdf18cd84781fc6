import { z } from 'zod';

export const ZSodItemRef = z.object({ kind: z.enum(['ENTITLEMENT', 'ROLE']), id: z.string().uuid() });

/** A rule as the identity team edits it: two sides, each entitlements and/or roles, across applications. */
export const ZSodRuleInput = z
  .object({
    name: z.string().trim().min(3, 'name: at least 3 characters').max(120),
    description: z.string().trim().max(1000).default(''),
    severity: z.enum(['BLOCK', 'MITIGATABLE']),
    enabled: z.boolean().default(true),
    sideA: z.array(ZSodItemRef).min(1, 'sideA: name at least one entitlement or role').max(100),
    sideB: z.array(ZSodItemRef).min(1, 'sideB: name at least one entitlement or role').max(100),
  })
  .superRefine((rule, ctx) => {
    const a = new Set(rule.sideA.map((r) => r.id));
    if (rule.sideB.some((r) => a.has(r.id)))
      ctx.addIssue({ code: 'custom', path: ['sideB'], message: 'sideB: an item cannot be on both sides' });
  });

export type TSodRuleInput = z.infer<typeof ZSodRuleInput>;
