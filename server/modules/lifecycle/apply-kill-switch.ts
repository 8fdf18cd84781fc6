import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { closeRequests } from '@/server/modules/approvals/index.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { endSessions } from '@/server/modules/identities/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { endGrants } from '@/server/modules/access/index.ts';

/**
 * The leaver kill switch, for people already marked TERMINATED: end their portal sessions, cancel
 * requests they made or that were made for them, revoke every grant. The caller then runs
 * planAccess, which applies each application's ON_DELETE to their accounts.
 */
export async function applyKillSwitch(
  tx: Prisma.TransactionClient,
  identityIds: string[],
  actor: TActor,
  deps: { queue: TJobQueue; now?: Date },
) {
  if (identityIds.length === 0) return;
  const now = deps.now ?? new Date();
  await endSessions(tx, identityIds);
  await tx.identity.updateMany({ where: { id: { in: identityIds } }, data: { terminatedAt: now } });
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
  const grants = await tx.grant.findMany({
    where: { identityId: { in: identityIds }, status: 'ACTIVE' },
    select: { id: true, identityId: true },
  });
  const revoked = new Set(
    await endGrants(
      tx,
      grants.map((g) => g.id),
      { status: 'REVOKED', at: now, reason: 'Leaver: kill switch' },
    ),
  );
  await recordAuditEvents(
    tx,
    identityIds.map((id) => ({
      actor,
      action: 'identity.kill_switch',
      entityType: 'Identity',
      entityId: id,
      subjectId: id,
      after: {
        grantsRevoked: grants.filter((g) => g.identityId === id && revoked.has(g.id)).length,
        requestsCancelled: pending.filter((r) => r.beneficiaryId === id && cancelled.has(r.id)).length,
        sessionsEnded: true,
      },
    })),
  );
}
