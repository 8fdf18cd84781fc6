import { z } from 'zod';
import { ZBirthrightCondition } from './birthright-condition.ts';

/** What one grant of a rule gives: an entitlement or a role. */
export const ZBirthrightItem = z.union([
  z.object({ entitlementId: z.string().uuid() }),
  z.object({ roleId: z.string().uuid() }),
]);
export type TBirthrightItem = z.infer<typeof ZBirthrightItem>;

/** A rule as the identity team edits it (before it is saved, for the what-if preview too). */
export const ZBirthrightDraft = z.object({
  name: z.string().trim().min(1, 'name: required').max(120),
  description: z.string().trim().max(1_000).default(''),
  condition: ZBirthrightCondition,
  grants: z.array(ZBirthrightItem).min(1, 'grants: a rule grants at least one thing').max(50),
  enabled: z.boolean().default(true),
});
export type TBirthrightDraft = z.infer<typeof ZBirthrightDraft>;

export const itemKey = (i: { entitlementId?: string | null; roleId?: string | null }) =>
  i.entitlementId ? `e:${i.entitlementId}` : `r:${i.roleId}`;
