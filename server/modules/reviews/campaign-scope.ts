import { z } from 'zod';
import type { Prisma, TDb } from '@/server/db/client.ts';
import { roleRiskAtLeast } from '@/server/lib/role-risk-query.ts';

const ids = (what: string) =>
  z
    .array(z.string().uuid(`${what}: must be ids`))
    .max(500, `${what}: at most 500`)
    .default([]);

/**
 * What a campaign reviews. The "what" (applications, entitlements, roles) is a union; empty means all
 * access. The rest narrow it: only people with a manager (every manager reviews their direct reports),
 * only high-risk access, only access nobody certified within N days. BIRTHRIGHT grants are never in
 * scope: they follow their rule, and a reviewer could not revoke them (docs/decisions/060).
 */
export const campaignScopeSchema = z.object({
  /** Grants of these applications' entitlements, and of roles that bundle any of them. */
  applicationIds: ids('applicationIds'),
  /** Grants of these entitlements, and of roles that bundle them. */
  entitlementIds: ids('entitlementIds'),
  roleIds: ids('roleIds'),
  managersReports: z.boolean().default(false),
  highRiskOnly: z.boolean().default(false),
  /** Only grants with no completed KEEP (item KEPT) within this many days. */
  notReviewedDays: z
    .number()
    .int()
    .min(1, 'notReviewedDays: at least 1')
    .max(3650, 'notReviewedDays: at most 3650')
    .nullable()
    .default(null),
});
export type TCampaignScope = z.infer<typeof campaignScopeSchema>;
export type TCampaignScopeInput = z.input<typeof campaignScopeSchema>;

/** A stored scope as the schema reads it (an older or hand-edited row reads as "everything"). */
export function readScope(json: unknown): TCampaignScope {
  const parsed = campaignScopeSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : campaignScopeSchema.parse({});
}

const DAY = 86_400_000;

/** The Prisma filter for the active, reviewable grants a scope covers at `now`. */
export function scopeWhere(scope: TCampaignScope, now: Date): Prisma.GrantWhereInput {
  const what: Prisma.GrantWhereInput[] = [];
  const bundles: Prisma.RoleEntitlementWhereInput[] = [];
  if (scope.applicationIds.length) {
    what.push({ entitlement: { applicationId: { in: scope.applicationIds } } });
    bundles.push({ entitlement: { applicationId: { in: scope.applicationIds } } });
  }
  if (scope.entitlementIds.length) {
    what.push({ entitlementId: { in: scope.entitlementIds } });
    bundles.push({ entitlementId: { in: scope.entitlementIds } });
  }
  if (scope.roleIds.length) what.push({ roleId: { in: scope.roleIds } });
  if (bundles.length) what.push({ role: { entitlements: { some: { OR: bundles } } } });

  const and: Prisma.GrantWhereInput[] = [
    { status: 'ACTIVE', source: { not: 'BIRTHRIGHT' }, startsAt: { lte: now } },
    { OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
  ];
  if (what.length) and.push({ OR: what });
  if (scope.managersReports) and.push({ identity: { managerId: { not: null } } });
  // A role is high-risk when it bundles a High entitlement, whatever its own level (effectiveRoleRisk).
  if (scope.highRiskOnly)
    and.push({ OR: [{ entitlement: { risk: 'HIGH' } }, { role: roleRiskAtLeast('HIGH') }] });
  if (scope.notReviewedDays) {
    and.push({
      reviewItems: {
        none: { status: 'KEPT', decidedAt: { gte: new Date(now.getTime() - scope.notReviewedDays * DAY) } },
      },
    });
  }
  return { AND: and };
}

export type TScopedGrant = {
  id: string;
  identityId: string;
  entitlementId: string | null;
  roleId: string | null;
};

/** The active grants a scope covers now, in a stable order. */
export async function selectScopedGrants(db: TDb, scope: TCampaignScope, now: Date): Promise<TScopedGrant[]> {
  return db.grant.findMany({
    where: scopeWhere(scope, now),
    orderBy: [{ identityId: 'asc' }, { id: 'asc' }],
    select: { id: true, identityId: true, entitlementId: true, roleId: true },
  });
}
