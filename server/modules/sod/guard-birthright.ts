import type { Prisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { checkSod } from './check-sod.ts';
import { recordPreventedViolation } from './record-violation.ts';
import type { TSodRef } from './sod-evaluation.ts';

type TNewGrant = { id?: string; identityId: string; entitlementId?: string | null; roleId?: string | null };

/**
 * Birthright goes through the same SoD check as requests: a birthright grant that would give someone
 * both sides of a blocking rule is not created; the prevented violation is recorded and the identity
 * team told. (Mitigatable conflicts are left to the detective scan: nobody approves birthright.)
 * Returns the ids of the grants to leave out.
 */
export async function blockBirthrightGrantsBySod(
  tx: Prisma.TransactionClient,
  grants: readonly TNewGrant[],
  deps: { now: Date; queue?: TJobQueue },
): Promise<Set<string>> {
  const blocked = new Set<string>();
  if (grants.length === 0) return blocked;
  const ids = [
    ...new Set(grants.flatMap((g) => [g.entitlementId, g.roleId].filter((x): x is string => !!x))),
  ];
  const touched = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT x.id::text FROM unnest(${ids}::uuid[]) AS x(id)
     WHERE EXISTS (SELECT 1 FROM "SodRuleItem" i JOIN "SodRule" r ON r.id = i."ruleId" AND r.enabled AND r.severity = 'BLOCK' WHERE i."entitlementId" = x.id OR i."roleId" = x.id)
        OR EXISTS (SELECT 1 FROM "RoleEntitlement" re JOIN "SodRuleItem" i ON i."entitlementId" = re."entitlementId" JOIN "SodRule" r ON r.id = i."ruleId" AND r.enabled AND r.severity = 'BLOCK' WHERE re."roleId" = x.id)`;
  const touchedIds = new Set(touched.map((t) => t.id));
  const byPerson = new Map<string, TNewGrant[]>();
  for (const g of grants.filter((g) => touchedIds.has(g.entitlementId ?? g.roleId ?? '')))
    byPerson.set(g.identityId, [...(byPerson.get(g.identityId) ?? []), g]);
  for (const [identityId, mine] of byPerson) {
    const refs: TSodRef[] = mine.map((g) =>
      g.entitlementId ? { kind: 'ENTITLEMENT', id: g.entitlementId } : { kind: 'ROLE', id: g.roleId! },
    );
    const { evaluation, summary } = await checkSod(tx, identityId, refs, { now: deps.now });
    for (const conflict of evaluation.conflicts.filter((c) => c.isNew && c.status === 'BLOCKED')) {
      const culprits = mine.filter((g) =>
        [...conflict.sideA, ...conflict.sideB].some(
          (h) =>
            h.source === 'REQUESTED' &&
            (h.ref.id === (g.entitlementId ?? g.roleId) || h.viaRoleId === g.roleId),
        ),
      );
      for (const g of culprits) if (g.id) blocked.add(g.id);
      const described = summary.conflicts.find((c) => c.ruleId === conflict.ruleId)!;
      await recordPreventedViolation(
        tx,
        { identityId, conflict: described, prevented: 'BIRTHRIGHT', what: 'a birthright grant' },
        deps,
      );
    }
  }
  return blocked;
}
