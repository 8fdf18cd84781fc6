import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';

/**
 * Whose findings a person reviews: the identity team and auditors see every finding
 * (`reconciliation.read`); an entitlement's owner sees the findings about that entitlement, an
 * application's owner every finding of that application; anybody else none. The browser is told
 * only whether the queue is theirs; the queries apply the scope themselves.
 */
export type TReviewScope = { kind: 'ALL' } | { kind: 'OWNED'; identityId: string } | { kind: 'NONE' };

export async function reviewScopeOf(db: TDb, actor: TUserActor): Promise<TReviewScope> {
  if (hasPermission(actor, 'reconciliation.read')) return { kind: 'ALL' };
  const [owned] = await db.$queryRaw<Array<{ owns: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "Entitlement" WHERE "ownerId" = ${actor.identityId}::uuid)
        OR EXISTS (SELECT 1 FROM "Application" WHERE "ownerId" = ${actor.identityId}::uuid) AS owns`;
  return owned?.owns ? { kind: 'OWNED', identityId: actor.identityId } : { kind: 'NONE' };
}

/** The SQL condition on a finding aliased `f` that keeps it inside the scope. */
export function scopeCondition(scope: TReviewScope): Prisma.Sql {
  if (scope.kind === 'ALL') return Prisma.sql`TRUE`;
  if (scope.kind === 'NONE') return Prisma.sql`FALSE`;
  return Prisma.sql`(EXISTS (SELECT 1 FROM "Entitlement" se WHERE se."id" = f."entitlementId" AND se."ownerId" = ${scope.identityId}::uuid)
    OR EXISTS (SELECT 1 FROM "Application" sa WHERE sa."id" = f."applicationId" AND sa."ownerId" = ${scope.identityId}::uuid))`;
}
