import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { closeRequests } from '@/server/modules/approvals/index.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { endSessions } from '@/server/modules/identities/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { endGrantsOf } from '@/server/modules/access/index.ts';

/**
 * The leaver kill switch, for people already marked TERMINATED: end their portal sessions, cancel
 * requests they made or that were made for them, revoke every grant. The caller then runs
 * planAccess, which applies each application's ON_DELETE to their accounts. `sessionsEnded`: leavers
 * whose identity write already ended their sessions and stamped them (stampLeavers).
 */
export async function applyKillSwitch(
  tx: Prisma.TransactionClient,
  identityIds: string[],
  actor: TActor,
  deps: { queue: TJobQueue; now?: Date; sessionsEnded?: ReadonlySet<string> },
) {
  if (identityIds.length === 0) return;
  const now = deps.now ?? new Date();
  await endSessions(
    tx,
    identityIds.filter((id) => !deps.sessionsEnded?.has(id)),
    { terminatedAt: now },
  );
  const pending = await tx.accessRequest.findMany({
    where: {
      status: 'PENDING',
      OR: [{ beneficiaryId: { in: identityIds } }, { requesterId: { in: identityIds } }],
    },
    select: { id: true, beneficiaryId: true },
  });
  const cancelled = new Set(
    await closeRequests(
      tx,
      pending.map((r) => r.id),
      'CANCELLED',
      { queue: deps.queue, now },
    ),
  );
  const revoked = await endGrantsOf(tx, identityIds, {
    status: 'REVOKED',
    at: now,
    reason: 'Leaver: kill switch',
  });
  const countBy = (ids: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };
  const grantsRevoked = countBy(revoked.map((g) => g.identityId));
  const requestsCancelled = countBy(pending.flatMap((r) => (cancelled.has(r.id) ? [r.beneficiaryId] : [])));
  await recordAuditEvents(
    tx,
    identityIds.map((id) => ({
      actor,
      action: 'identity.kill_switch',
      entityType: 'Identity',
      entityId: id,
      subjectId: id,
      after: {
        grantsRevoked: grantsRevoked.get(id) ?? 0,
        requestsCancelled: requestsCancelled.get(id) ?? 0,
        sessionsEnded: true,
      },
    })),
  );
}
