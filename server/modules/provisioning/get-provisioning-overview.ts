import type { TDb } from '@/server/db/client.ts';
import type { TQueueAdmin } from '@/server/queue/queue-admin.ts';
import { NOTHING_HELD, summariseHeldAccess } from './held-access.ts';

const OPEN = ['PENDING', 'RUNNING', 'RETRYING', 'WAITING'] as const;

/**
 * Queue depth, throughput and failures per target, and the queues themselves; for a disabled target,
 * who disabled it when and the people whose changes it holds back (read from the plan's marks,
 * held-access.ts: the same statements however many people the targets have).
 */
export async function getProvisioningOverview(db: TDb, queueAdmin: TQueueAdmin, now = new Date()) {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const fiveMinutesAgo = new Date(now.getTime() - 300_000);
  const [apps, open, doneHour, doneFive, failed, oldest] = await Promise.all([
    db.application.findMany({
      select: {
        id: true,
        name: true,
        connectorType: true,
        enabled: true,
        concurrency: true,
        disabledAt: true,
        disabledBy: { select: { id: true, displayName: true } },
      },
      orderBy: { name: 'asc' },
    }),
    db.provisioningOperation.groupBy({
      by: ['applicationId', 'status'],
      where: { status: { in: [...OPEN] } },
      _count: { _all: true },
    }),
    db.provisioningOperation.groupBy({
      by: ['applicationId'],
      where: { status: { in: ['SUCCEEDED', 'NOOP'] }, finishedAt: { gte: hourAgo } },
      _count: { _all: true },
    }),
    db.provisioningOperation.groupBy({
      by: ['applicationId'],
      where: { status: { in: ['SUCCEEDED', 'NOOP'] }, finishedAt: { gte: fiveMinutesAgo } },
      _count: { _all: true },
    }),
    db.provisioningOperation.groupBy({
      by: ['applicationId'],
      where: { status: 'FAILED' },
      _count: { _all: true },
    }),
    db.provisioningOperation.groupBy({
      by: ['applicationId'],
      where: { status: { in: ['PENDING', 'RETRYING'] } },
      _min: { createdAt: true },
    }),
  ]);
  const count = (rows: Array<{ applicationId: string; _count: { _all: number } }>, appId: string) =>
    rows.filter((r) => r.applicationId === appId).reduce((n, r) => n + r._count._all, 0);
  const queues = await queueAdmin.stats(['provisioning.apply']).catch(() => []);
  const held = await summariseHeldAccess(
    db,
    apps.map((a) => a.id),
  );
  return {
    applications: apps.map((a) => {
      const byStatus = Object.fromEntries(
        OPEN.map((s) => [s, open.find((r) => r.applicationId === a.id && r.status === s)?._count._all ?? 0]),
      );
      const oldestAt = oldest.find((r) => r.applicationId === a.id)?._min.createdAt ?? null;
      return {
        ...a,
        pending: byStatus.PENDING ?? 0,
        running: byStatus.RUNNING ?? 0,
        retrying: byStatus.RETRYING ?? 0,
        waiting: byStatus.WAITING ?? 0,
        failed: count(failed, a.id),
        doneLastHour: count(doneHour, a.id),
        perMinute: Math.round((count(doneFive, a.id) / 5) * 10) / 10,
        oldestPendingSeconds: oldestAt ? Math.round((now.getTime() - oldestAt.getTime()) / 1000) : null,
        held: held.get(a.id) ?? NOTHING_HELD,
      };
    }),
    queues,
  };
}
