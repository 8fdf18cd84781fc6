import type { GrantSource } from '@/prisma/generated/client.ts';
import type { Prisma } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/bulk-insert.ts';

/**
 * The one place that writes Grant rows (lint refuses `tx.grant.create/update…`, `insertRows(tx, 'Grant')`
 * and raw `INSERT INTO "Grant"` anywhere else in server/modules). A grant is history: it is created, its
 * end date may move while it is ACTIVE, and it is closed (REVOKED or EXPIRED, with when and why); it is
 * never deleted and a closed grant is never rewritten, which every function here keeps by touching only
 * ACTIVE rows. The callers keep their own locks, audit events and planAccess calls.
 */

export type TNewGrant = {
  identityId: string;
  entitlementId?: string | null;
  roleId?: string | null;
  source: GrantSource;
  /** What the grant came from: the request, the birthright rule, the reconciliation finding. */
  sourceRef?: string | null;
  startsAt: Date;
  endsAt?: Date | null;
  grantedById?: string | null;
};

/** One grant (a request, a direct grant, an adoption from reconciliation). */
export async function createGrant(tx: Prisma.TransactionClient, grant: TNewGrant): Promise<{ id: string }> {
  return tx.grant.create({ data: grant, select: { id: true } });
}

/**
 * Many grants in one statement, with ids chosen by the caller (birthright's recompute). Open-ended
 * and granted by no one: the bulk columns carry neither an end date nor a grantor, so the type
 * refuses them rather than dropping them silently.
 */
export async function insertGrants(
  tx: Prisma.TransactionClient,
  grants: (Omit<TNewGrant, 'endsAt' | 'grantedById'> & { id: string })[],
  now: Date,
): Promise<void> {
  await insertRows(
    tx,
    'Grant',
    grants.map((g) => ({
      id: g.id,
      identityId: g.identityId,
      entitlementId: g.entitlementId ?? null,
      roleId: g.roleId ?? null,
      source: g.source,
      sourceRef: g.sourceRef ?? null,
      startsAt: g.startsAt,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export type TGrantEnd = {
  /** REVOKED when someone or something took it away, EXPIRED when it reached its end date. */
  status: 'REVOKED' | 'EXPIRED';
  at: Date;
  reason: string | null;
  /** Who revoked it, when a person did. */
  byId?: string | null;
};

/** What closing a grant writes: its end status, time, reason and who ended it (when a person did). */
const closing = (end: TGrantEnd) => ({
  status: end.status,
  revokedAt: end.at,
  revokeReason: end.reason,
  ...(end.byId !== undefined ? { revokedById: end.byId } : {}),
});

/**
 * Closes the grants among `ids` that are still ACTIVE; returns the ids it closed, so that a caller
 * audits and tells people only about what it ended (one revoked a moment ago keeps its first end).
 */
export async function endGrants(
  tx: Prisma.TransactionClient,
  ids: string[],
  end: TGrantEnd,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const closed = await tx.grant.updateManyAndReturn({
    where: { id: { in: ids }, status: 'ACTIVE' },
    select: { id: true },
    data: closing(end),
  });
  return closed.map((g) => g.id);
}

/**
 * Closes every ACTIVE grant of these people (the leaver kill switch) in one statement; returns what
 * it closed, with whose each was.
 */
export async function endGrantsOf(
  tx: Prisma.TransactionClient,
  identityIds: readonly string[],
  end: TGrantEnd,
): Promise<Array<{ id: string; identityId: string }>> {
  if (identityIds.length === 0) return [];
  return tx.grant.updateManyAndReturn({
    where: { identityId: { in: [...identityIds] }, status: 'ACTIVE' },
    select: { id: true, identityId: true },
    data: closing(end),
  });
}

/** Moves an ACTIVE grant's end date (an approved extension) and re-arms its expiry notices. */
export async function extendGrant(
  tx: Prisma.TransactionClient,
  grantId: string,
  endsAt: Date | null,
): Promise<boolean> {
  const { count } = await tx.grant.updateMany({
    where: { id: grantId, status: 'ACTIVE' },
    data: { endsAt, notified: [] },
  });
  return count > 0;
}

/** Records which expiry notices a grant's holder has had ('7d', '1d'), so none is sent twice. */
export async function markGrantNotified(
  tx: Prisma.TransactionClient,
  grantId: string,
  notified: string[],
): Promise<void> {
  // An ended grant is history: never rewritten, not even its notice marks.
  await tx.grant.updateMany({ where: { id: grantId, status: 'ACTIVE' }, data: { notified } });
}
