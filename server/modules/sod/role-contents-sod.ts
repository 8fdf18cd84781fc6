import type { TDb } from '@/server/db/client.ts';

export type TRoleContentsConflict = {
  ruleId: string;
  ruleName: string;
  /** BLOCK: the role cannot be saved. MITIGATABLE: saved with a warning, each request needs a control. */
  severity: 'BLOCK' | 'MITIGATABLE';
  /** What of the role (its entitlements, or the role itself) is on each side, by name. */
  sideA: string[];
  sideB: string[];
};

/**
 * The enabled segregation-of-duties rules a role's contents break by themselves: something the role
 * bundles (or the role itself, when a rule names it) is on each side, so whoever is given the role
 * holds both. Unlike conflictsOfRoleChange (which asks what an edit does to the people holding the
 * role today), this is about the bundle whoever holds it, a new role's included: a blocking rule would
 * refuse every request for the role, so the editor refuses to save it; a mitigatable one makes every
 * request need a mitigating control, which the editor warns of.
 */
export async function conflictsWithinRole(
  db: TDb,
  input: { roleId: string | null; entitlementIds: readonly string[] },
): Promise<TRoleContentsConflict[]> {
  const contents = new Set([...input.entitlementIds, ...(input.roleId ? [input.roleId] : [])]);
  if (contents.size === 0) return [];
  const rules = await db.sodRule.findMany({
    where: {
      enabled: true,
      items: {
        some: {
          OR: [
            { entitlementId: { in: [...input.entitlementIds] } },
            ...(input.roleId ? [{ roleId: input.roleId }] : []),
          ],
        },
      },
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      severity: true,
      items: {
        select: {
          side: true,
          entitlementId: true,
          roleId: true,
          entitlement: { select: { name: true } },
          role: { select: { name: true } },
        },
      },
    },
  });
  return rules.flatMap((rule) => {
    const inRole = (side: string) =>
      rule.items
        .filter((i) => i.side === side && contents.has((i.entitlementId ?? i.roleId)!))
        .map((i) => (i.entitlement ?? i.role)?.name ?? 'an item')
        .sort((a, b) => a.localeCompare(b));
    const [sideA, sideB] = [inRole('A'), inRole('B')];
    return sideA.length && sideB.length
      ? [{ ruleId: rule.id, ruleName: rule.name, severity: rule.severity, sideA, sideB }]
      : [];
  });
}
