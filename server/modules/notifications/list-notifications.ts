import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';

export function listNotifications(db: TDb, actor: TUserActor) {
  return db.notification.findMany({
    where: { recipientId: actor.identityId },
    orderBy: { createdAt: 'desc' },
    take: 30,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
}

/** Marks the given notifications (or all) read; only the recipient's own. */
export async function markNotificationsRead(db: TDb, actor: TUserActor, ids?: string[]) {
  const { count } = await db.notification.updateMany({
    where: { recipientId: actor.identityId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}
