import type { TDb } from '@/server/db/client.ts';

export type TNotificationInput = { recipientId: string; kind: string; title: string; body?: string; link?: string };

/** In-app notifications (the bell). Written in the transaction of the change they announce. */
export async function notify(db: TDb, notifications: TNotificationInput[]): Promise<void> {
  if (notifications.length === 0) return;
  await db.notification.createMany({
    data: notifications.map((n) => ({ recipientId: n.recipientId, kind: n.kind, title: n.title, body: n.body ?? '', link: n.link ?? null })),
  });
}
