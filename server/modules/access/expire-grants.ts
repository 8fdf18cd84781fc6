import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TCloseExtensions } from './end-grant.ts';
import { endGrants } from './grant-store.ts';

/**
 * Time-bound access ends: every active grant past its end date becomes EXPIRED and the holder's
 * access is re-planned through the desired-state engine (planAccess), in one transaction per person.
 * An expired grant never counts again, so nothing re-adds the access unless a new grant says so.
 * Pending extensions of those grants expire with them (deps.closePendingExtensions, approvals').
 */
export async function expireGrants(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; batchSize?: number; closePendingExtensions: TCloseExtensions },
): Promise<{ expired: number; people: number }> {
  const now = deps.now ?? new Date();
  const due = await db.grant.findMany({
    where: { status: 'ACTIVE', endsAt: { lte: now } },
    orderBy: { endsAt: 'asc' },
    take: deps.batchSize ?? 500,
    select: { identityId: true },
  });
  const people = [...new Set(due.map((g) => g.identityId))];
  const actor = systemActor('SCHEDULER');
  let expired = 0;
  for (const identityId of people) {
    expired += await inTransaction(
      db,
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ${identityId}::uuid FOR UPDATE`;
        const ending = await tx.grant.findMany({
          where: { identityId, status: 'ACTIVE', endsAt: { lte: now } },
          select: {
            id: true,
            endsAt: true,
            entitlement: { select: { name: true, applicationId: true } },
            role: { select: { name: true } },
          },
        });
        if (ending.length === 0) return 0;
        // Only what this run ended is audited and announced: a grant revoked meanwhile keeps that end.
        const ids = await endGrants(
          tx,
          ending.map((g) => g.id),
          { status: 'EXPIRED', at: now, reason: 'Reached its end date' },
        );
        if (ids.length === 0) return 0;
        const grants = ending.filter((g) => ids.includes(g.id));
        await recordAuditEvents(
          tx,
          grants.map((g) => ({
            actor,
            action: 'grant.expired',
            entityType: 'Grant',
            entityId: g.id,
            subjectId: identityId,
            applicationId: g.entitlement?.applicationId,
            before: { status: 'ACTIVE', endsAt: g.endsAt },
            after: { status: 'EXPIRED' },
          })),
        );
        await deps.closePendingExtensions(tx, ids, 'EXPIRED', { queue: deps.queue, now });
        await planAccess(
          tx,
          [identityId],
          { reason: 'GRANT_EXPIRED', actor, ref: `grant:${ids[0]}` },
          { queue: deps.queue, now },
        );
        await notify(
          tx,
          grants.map((g) => ({
            recipientId: identityId,
            kind: 'grant.expired',
            title: `Your ${g.entitlement?.name ?? g.role?.name ?? 'access'} access has ended`,
            body: 'It reached its end date. Request it again from the catalog if you still need it.',
            link: '/access',
          })),
          deps,
        );
        return grants.length;
      },
      { timeout: 60_000 },
    );
  }
  return { expired, people: people.length };
}
