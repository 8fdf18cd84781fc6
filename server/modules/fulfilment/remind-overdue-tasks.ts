import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';

const REMIND_EVERY_MS = 24 * 3_600_000;

/** Reminds each fulfilment team of its overdue tasks, at most once a day per task. */
export async function remindOverdueTasks(db: TDb, deps: { now?: Date } = {}): Promise<number> {
  const now = deps.now ?? new Date();
  const overdue = await db.fulfilmentTask.findMany({
    where: {
      status: 'OPEN',
      dueAt: { lt: now },
      OR: [{ remindedAt: null }, { remindedAt: { lt: new Date(now.getTime() - REMIND_EVERY_MS) } }],
    },
    select: {
      id: true,
      teamId: true,
      instructions: true,
      applicationId: true,
      application: { select: { name: true } },
      team: { select: { members: { select: { identityId: true } } } },
    },
  });
  if (overdue.length === 0) return 0;
  await inTransaction(db, async (tx) => {
    await tx.fulfilmentTask.updateMany({
      where: { id: { in: overdue.map((t) => t.id) } },
      data: { remindedAt: now },
    });
    await notify(
      tx,
      overdue.flatMap((t) =>
        (t.team?.members ?? []).map((m) => ({
          recipientId: m.identityId,
          kind: 'fulfilment.overdue',
          title: `Overdue task in ${t.application.name}`,
          body: t.instructions,
          link: '/tasks',
        })),
      ),
    );
    await recordAuditEvents(
      tx,
      overdue.map((t) => ({
        actor: systemActor('SCHEDULER'),
        action: 'fulfilment.reminded',
        entityType: 'FulfilmentTask',
        entityId: t.id,
        applicationId: t.applicationId,
        metadata: { application: t.application.name },
      })),
    );
  });
  return overdue.length;
}
