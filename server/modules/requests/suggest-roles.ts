import type { TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { effectiveRoleRisk } from '@/server/shared/risk-level.ts';

export type TRoleSuggestion = {
  roleId: string;
  name: string;
  description: string;
  /** What a request for it would be approved at (effectiveRoleRisk). */
  risk: RiskLevel;
  /** Requested entitlements the role already bundles. */
  covers: string[];
  /** What else the role gives. */
  alsoGives: string[];
};

/**
 * "Request this role instead": requestable roles that bundle what is being asked for, all of it, or
 * at least two of the items. Roles the person holds or has asked for are not suggested.
 */
export async function suggestRoles(
  db: TDb,
  input: { beneficiaryId: string; entitlementIds: string[]; excludeRoleIds: string[] },
): Promise<TRoleSuggestion[]> {
  if (input.entitlementIds.length === 0) return [];
  const roles = await db.role.findMany({
    where: {
      requestable: true,
      id: { notIn: input.excludeRoleIds },
      entitlements: { some: { entitlementId: { in: input.entitlementIds } } },
      grants: { none: { identityId: input.beneficiaryId, status: 'ACTIVE' } },
      requests: { none: { beneficiaryId: input.beneficiaryId, status: 'PENDING' } },
    },
    select: {
      id: true,
      name: true,
      description: true,
      risk: true,
      entitlements: {
        select: {
          entitlement: {
            select: { id: true, name: true, risk: true, application: { select: { enabled: true } } },
          },
        },
      },
    },
    take: 20,
  });
  const wanted = new Set(input.entitlementIds);
  return roles
    .filter((r) => r.entitlements.every((e) => e.entitlement.application.enabled))
    .map((r) => {
      const covered = r.entitlements.filter((e) => wanted.has(e.entitlement.id));
      return {
        roleId: r.id,
        name: r.name,
        description: r.description,
        risk: effectiveRoleRisk(
          r.risk,
          r.entitlements.map((e) => e.entitlement.risk),
        ),
        covers: covered.map((e) => e.entitlement.name).sort(),
        alsoGives: r.entitlements
          .filter((e) => !wanted.has(e.entitlement.id))
          .map((e) => e.entitlement.name)
          .sort(),
      };
    })
    .filter((s) => s.covers.length === wanted.size || s.covers.length >= 2)
    .sort(
      (a, b) =>
        b.covers.length - a.covers.length ||
        a.alsoGives.length - b.alsoGives.length ||
        a.name.localeCompare(b.name),
    )
    .slice(0, 3);
}
