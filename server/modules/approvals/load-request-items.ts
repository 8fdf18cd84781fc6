import { Prisma, type TDb } from '@/server/db/client.ts';
import { readAlone, type TRead } from '@/server/db/read-together.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import type { TSodRef } from '@/server/modules/sod/index.ts';
import { effectiveRoleRisk } from '@/server/shared/risk-level.ts';

export type TItemRef = TSodRef;

/** A requestable thing, entitlement or role, with what policy, approval and SoD need about it. */
export type TRequestItem = {
  kind: 'ENTITLEMENT' | 'ROLE';
  id: string;
  name: string;
  description: string;
  /** An entitlement's own; a role's effective risk (its own or its riskiest entitlement's, effectiveRoleRisk). */
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
  /** An entitlement's application (a role's span several: null). */
  applicationId: string | null;
  /** Every application it gives access in: an entitlement's one, a role's bundle's (a hold locks them). */
  applicationIds: string[];
  /** The entitlements it gives: itself, or the role's bundle. */
  entitlementIds: string[];
};

type TItemRow = {
  id: string;
  name: string;
  description: string;
  risk: RiskLevel;
  requestable: boolean;
  maxDurationDays: number | null;
  ownerId: string | null;
  ownerDepartment: string | null;
  approvalPolicyId: string | null;
};
type TEntitlementRow = TItemRow & {
  applicationId: string;
  applicationName: string;
  applicationEnabled: boolean;
  applicationOwnerId: string | null;
};
type TRoleRow = TItemRow & {
  allEnabled: boolean;
  applicationOwnerIds: string[];
  applicationIds: string[];
  entitlementIds: string[];
  entitlementRisks: RiskLevel[];
};

/**
 * The items asked for, each kind in one query with its owner's department and its application(s)
 * (a submission reads them before anything else, so each round trip here is one more for every request).
 */
export function loadRequestItems(db: TDb, refs: readonly TItemRef[]): Promise<Map<string, TRequestItem>> {
  return readAlone(db, requestItemsNow(refs));
}

/**
 * The same read described (TRead), for a caller that sends it beside its own reads in one statement:
 * a submission's hold reads its items again with its SoD rules and approvers' facts (docs/decisions/116).
 */
export function requestItemsNow(refs: readonly TItemRef[]): TRead<Map<string, TRequestItem>> {
  const entIds = refs.filter((r) => r.kind === 'ENTITLEMENT').map((r) => r.id);
  const roleIds = refs.filter((r) => r.kind === 'ROLE').map((r) => r.id);
  const parts = [
    ...(entIds.length
      ? [
          Prisma.sql`
            SELECT e.id::text AS id, e.name, e.description, e.risk::text AS risk, e.requestable, e."maxDurationDays",
                   e."ownerId"::text AS "ownerId", o.department AS "ownerDepartment", e."approvalPolicyId"::text AS "approvalPolicyId",
                   a.id::text AS "applicationId", a.name AS "applicationName", a.enabled AS "applicationEnabled",
                   a."ownerId"::text AS "applicationOwnerId"
              FROM "Entitlement" e JOIN "Application" a ON a.id = e."applicationId"
              LEFT JOIN "Identity" o ON o.id = e."ownerId"
             WHERE e.id = ANY(${entIds}::uuid[])`,
        ]
      : []),
    ...(roleIds.length
      ? [
          Prisma.sql`
            SELECT r.id::text AS id, r.name, r.description, r.risk::text AS risk, r.requestable, r."maxDurationDays",
                   r."ownerId"::text AS "ownerId", o.department AS "ownerDepartment", r."approvalPolicyId"::text AS "approvalPolicyId",
                   COALESCE(bool_and(a.enabled), true) AS "allEnabled",
                   COALESCE(array_agg(DISTINCT a."ownerId"::text) FILTER (WHERE a."ownerId" IS NOT NULL), '{}') AS "applicationOwnerIds",
                   COALESCE(array_agg(DISTINCT a.id::text) FILTER (WHERE a.id IS NOT NULL), '{}') AS "applicationIds",
                   COALESCE(array_agg(re."entitlementId"::text ORDER BY re."entitlementId") FILTER (WHERE re."entitlementId" IS NOT NULL), '{}') AS "entitlementIds",
                   COALESCE(array_agg(DISTINCT e.risk::text) FILTER (WHERE e.risk IS NOT NULL), '{}') AS "entitlementRisks"
              FROM "Role" r LEFT JOIN "Identity" o ON o.id = r."ownerId"
              LEFT JOIN "RoleEntitlement" re ON re."roleId" = r.id
              LEFT JOIN "Entitlement" e ON e.id = re."entitlementId"
              LEFT JOIN "Application" a ON a.id = e."applicationId"
             WHERE r.id = ANY(${roleIds}::uuid[])
             GROUP BY r.id, o.department`,
        ]
      : []),
  ];
  return {
    parts,
    read: (rows) => {
      const ents = (entIds.length ? rows[0]! : []) as unknown as TEntitlementRow[];
      const roles = (roleIds.length ? rows[rows.length - 1]! : []) as unknown as TRoleRow[];
      return toRequestItems(ents, roles);
    },
  };
}

function toRequestItems(
  ents: readonly TEntitlementRow[],
  roles: readonly TRoleRow[],
): Map<string, TRequestItem> {
  const items = new Map<string, TRequestItem>();
  const common = (x: TItemRow) => ({
    id: x.id,
    name: x.name,
    description: x.description,
    risk: x.risk,
    requestable: x.requestable,
    maxDurationDays: x.maxDurationDays,
    ownerId: x.ownerId,
    ownerDepartment: x.ownerDepartment,
    approvalPolicyId: x.approvalPolicyId,
  });
  for (const e of ents) {
    items.set(e.id, {
      kind: 'ENTITLEMENT',
      ...common(e),
      isAvailable: e.applicationEnabled,
      applicationOwnerIds: e.applicationOwnerId ? [e.applicationOwnerId] : [],
      applicationName: e.applicationName,
      applicationId: e.applicationId,
      applicationIds: [e.applicationId],
      entitlementIds: [e.id],
    });
  }
  for (const r of roles) {
    items.set(r.id, {
      kind: 'ROLE',
      ...common(r),
      // Approved, a role gives all it bundles: the chain, auto-approval, the agent policy and the
      // preview all judge it by its riskiest content.
      risk: effectiveRoleRisk(r.risk, r.entitlementRisks),
      isAvailable: r.allEnabled,
      applicationOwnerIds: r.applicationOwnerIds,
      applicationName: null,
      applicationId: null,
      applicationIds: r.applicationIds,
      entitlementIds: r.entitlementIds,
    });
  }
  return items;
}
