import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { containsPattern } from '@/server/db/count-capped.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { effectiveRoleRisk } from '@/server/shared/risk-level.ts';

type TRoleRow = {
  id: string;
  name: string;
  description: string;
  risk: RiskLevel;
  maxDurationDays: number | null;
  ownerId: string | null;
  ownerName: string | null;
  entitlements: Array<{ id: string; name: string; application: string }>;
  entitlementRisks: RiskLevel[];
  isHeld: boolean;
  pendingRequestId: string | null;
};

/**
 * Requestable business roles (bundles of entitlements) whose applications are all enabled, the first
 * 100 by name, with their entitlements and what the actor holds or asked for: one statement (issue 14,
 * docs/decisions/078), where the ORM's nested reads took one per relation. It walks the roles in name
 * order (Role(name, id)) and reads each role's entitlements once, for both the page and the check that
 * all their applications are enabled (a role without entitlements has none to show: `enabled` is
 * null), stopping at the page: checking every role first, then reading the page's entitlements again,
 * cost twice as much at 2,000 roles (docs/decisions/100). The same read gives the entitlements' risk
 * levels, from which the role's effective risk is shown.
 */
export async function listRequestableRoles(db: TDb, actor: TUserActor, q: { search?: string }) {
  const words = (q.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const searched = words.map((w) => {
    const pattern = containsPattern(w);
    return Prisma.sql`AND (r.name ILIKE ${pattern} OR r.description ILIKE ${pattern})`;
  });
  const rows = await db.$queryRaw<TRoleRow[]>`
    SELECT r.id::text, r.name, r.description, r.risk::text AS risk, r."maxDurationDays", o.id::text AS "ownerId", o."displayName" AS "ownerName",
           c.entitlements, c."entitlementRisks",
           EXISTS (SELECT 1 FROM "Grant" g WHERE g."identityId" = ${actor.identityId}::uuid AND g.status = 'ACTIVE' AND g."roleId" = r.id) AS "isHeld",
           (SELECT q.id::text FROM "AccessRequest" q WHERE q."beneficiaryId" = ${actor.identityId}::uuid AND q.status = 'PENDING'
               AND q."roleId" = r.id ORDER BY q."createdAt" LIMIT 1) AS "pendingRequestId"
      FROM "Role" r
     CROSS JOIN LATERAL (
       SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'application', a.name) ORDER BY e.name, e.id) AS entitlements,
              array_agg(DISTINCT e.risk::text) AS "entitlementRisks",
              bool_and(a.enabled) AS enabled
         FROM "RoleEntitlement" re JOIN "Entitlement" e ON e.id = re."entitlementId" JOIN "Application" a ON a.id = e."applicationId"
        WHERE re."roleId" = r.id) c
      LEFT JOIN "Identity" o ON o.id = r."ownerId"
     WHERE r.requestable AND c.enabled
       ${words.length ? Prisma.join(searched, ' ') : Prisma.empty}
     ORDER BY r.name, r.id LIMIT 100`;
  // The badge shows the risk a request for the role is approved at (effectiveRoleRisk).
  return rows.map(({ ownerId, ownerName, entitlementRisks, ...r }) => ({
    ...r,
    risk: effectiveRoleRisk(r.risk, entitlementRisks),
    owner: ownerId ? { id: ownerId, displayName: ownerName! } : null,
  }));
}
