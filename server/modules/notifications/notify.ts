import crypto from 'node:crypto';
import { insertRows } from '@/server/db/bulk-insert.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { ACTING_STATUSES, canAct } from '@/server/auth/can-act.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';

export type TNotificationInput = {
  recipientId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  email?: boolean;
};

/**
 * In-app notifications (the bell), written in the transaction of the change they announce. With a
 * queue, each one (unless `email: false`) also becomes an email job in that same transaction: a
 * change that rolls back sends nothing. Email goes only to people who may act (canAct): a suspended
 * person or a pre-hire finds the notification in the app when they can use it.
 */
/** A recipient's address, as notify reads it (or a caller that read it with another query hands it over). */
export type TNotificationRecipient = {
  id: string;
  email: string;
  displayName: string;
  status: IdentityStatus;
};

export async function notify(
  db: TDb,
  notifications: TNotificationInput[],
  deps?: {
    queue: TJobQueue;
    /** Every emailed recipient, already read in this transaction: notify then reads none. */
    recipients?: ReadonlyMap<string, TNotificationRecipient>;
  },
): Promise<void> {
  if (notifications.length === 0) return;
  // One statement, as Prisma's createMany, without its query building (a submission's hot path).
  const createdAt = new Date();
  await insertRows(
    db,
    'Notification',
    notifications.map((n) => ({
      id: crypto.randomUUID(),
      recipientId: n.recipientId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      createdAt,
    })),
  );
  if (deps) await emailNotifications(db, notifications, deps);
}

/**
 * notify's INSERT for the rows a caller's SELECT yields (columns "recipientId", kind, title, body,
 * link), to be sent as a data-modifying CTE of the caller's statement (withWrites): a submission writes
 * its approvers' notifications with its request and chain, choosing the recipients from the people and
 * delegations that statement reads. The caller then hands the same messages to emailNotifications.
 */
export function notificationsInsertSql(rows: Prisma.Sql, createdAt: Date): Prisma.Sql {
  return Prisma.sql`INSERT INTO "Notification" (id, "recipientId", kind, title, body, link, "createdAt")
    SELECT gen_random_uuid(), r."recipientId", r.kind, r.title, COALESCE(r.body, ''), r.link, ${createdAt}
      FROM (${rows}) AS r`;
}

/** notify's email jobs alone, for notifications already written (notificationsInsertSql). */
export async function emailNotifications(
  db: TDb,
  notifications: TNotificationInput[],
  deps: {
    queue: TJobQueue;
    /** Every emailed recipient, already read in this transaction: none is read here. */
    recipients?: ReadonlyMap<string, TNotificationRecipient>;
  },
): Promise<void> {
  const emailed = notifications.filter((n) => n.email !== false);
  if (emailed.length === 0) return;
  const byId = deps.recipients
    ? new Map([...deps.recipients].filter(([, r]) => canAct(r.status)))
    : new Map(
        (
          await db.identity.findMany({
            where: {
              id: { in: [...new Set(emailed.map((n) => n.recipientId))] },
              status: { in: [...ACTING_STATUSES] },
            },
            select: { id: true, email: true, displayName: true },
          })
        ).map((r) => [r.id, r]),
      );
  await deps.queue.enqueue(
    db,
    'notifications.email',
    emailed.flatMap((n) => {
      const to = byId.get(n.recipientId);
      return to
        ? [
            {
              payload: {
                to: to.email,
                toName: to.displayName,
                subject: n.title,
                text: n.body ?? '',
                link: n.link ?? null,
              },
            },
          ]
        : [];
    }),
  );
}
