import type { TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import type { TSodRef } from '@/server/modules/sod/index.ts';

export type TItemRef = TSodRef;

/** A requestable thing, entitlement or role, with what policy, approval and SoD need about it. */
export type TRequestItem = {
  kind: 'ENTITLEMENT' | 'ROLE';
  id: string;
  name: string;
  description: string;
  risk: RiskLevel;
  requestable: boolean;
  /** False when its application (or, for a role, any of its applications) is disabled. */
  isAvailable: boolean;
  maxDurationDays: number | null;
  ownerId: string | null;
  ownerDepartment: string | null;
  approvalPolicyId: string | null;
  applicationOwnerIds: string[];
  applicationName: string | null;
  /** The entitlements it gives: itself, or the role's bundle. */
  entitlementIds: string[];
};

export async function loadRequestItems(
  db: TDb,
  refs: readonly TItemRef[],
): Promise<Map<string, TRequestItem>> {
  const entIds = refs.filter((r) => r.kind === 'ENTITLEMENT').map((r) => r.id);
  const roleIds = refs.filter((r) => r.kind === 'ROLE').map((r) => r.id);
  const [ents, roles] = await Promise.all([
    entIds.length
      ? db.entitlement.findMany({
          where: { id: { in: entIds } },
          select: {
            id: true,
            name: true,
            description: true,
            risk: true,
            requestable: true,
            maxDurationDays: true,
            ownerId: true,
            owner: { select: { department: true } },
            approvalPolicyId: true,
            application: { select: { name: true, enabled: true, ownerId: true } },
          },
        })
      : Promise.resolve([]),
    roleIds.length
      ? db.role.findMany({
          where: { id: { in: roleIds } },
          select: {
            id: true,
            name: true,
            description: true,
            risk: true,
            requestable: true,
            maxDurationDays: true,
            ownerId: true,
            owner: { select: { department: true } },
            approvalPolicyId: true,
            entitlements: {
              select: {
                entitlement: {
                  select: { id: true, application: { select: { enabled: true, ownerId: true } } },
                },
              },
            },
          },
        })
      : Promise.resolve([]),
  ]);
  const items = new Map<string, TRequestItem>();
  for (const e of ents) {
    items.set(e.id, {
      kind: 'ENTITLEMENT',
      id: e.id,
      name: e.name,
      description: e.description,
      risk: e.risk,
      requestable: e.requestable,
      isAvailable: e.application.enabled,
      maxDurationDays: e.maxDurationDays,
      ownerId: e.ownerId,
      ownerDepartment: e.owner?.department ?? null,
      approvalPolicyId: e.approvalPolicyId,
      applicationOwnerIds: e.application.ownerId ? [e.application.ownerId] : [],
      applicationName: e.application.name,
      entitlementIds: [e.id],
    });
  }
  for (const r of roles) {
    const apps = r.entitlements.map((x) => x.entitlement.application);
    items.set(r.id, {
      kind: 'ROLE',
      id: r.id,
      name: r.name,
      description: r.description,
      risk: r.risk,
      requestable: r.requestable,
      isAvailable: apps.every((a) => a.enabled),
      maxDurationDays: r.maxDurationDays,
      ownerId: r.ownerId,
      ownerDepartment: r.owner?.department ?? null,
      approvalPolicyId: r.approvalPolicyId,
      applicationOwnerIds: [...new Set(apps.flatMap((a) => (a.ownerId ? [a.ownerId] : [])))],
      applicationName: null,
      entitlementIds: r.entitlements.map((x) => x.entitlement.id),
    });
  }
  return items;
}
