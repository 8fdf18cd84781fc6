import { notify } from '@/server/modules/notifications/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { markGrantNotified } from './grant-store.ts';
import { formatDate } from '@/server/shared/format-date.ts';

const DAY_MS = 86_400_000;

/** The notices a grant ending at `endsAt` is due now, given those already sent. The nearer one wins. */
export function dueExpiryNotice(endsAt: Date, notified: readonly string[], now: Date): '7d' | '1d' | null {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= DAY_MS) return notified.includes('1d') ? null : '1d';
  if (left <= 7 * DAY_MS) return notified.includes('7d') || notified.includes('1d') ? null : '7d';
  return null;
}

/**
 * Tells holders that time-bound access ends soon: 7 days and 1 day before (Grant.notified remembers
 * what was sent, so each goes once, even with two runs at once: the grant row is locked).
 */
export async function notifyExpiringGrants(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; batchSize?: number },
): Promise<{ notified: number }> {
  const now = deps.now ?? new Date();
  const soon = await db.grant.findMany({
    where: { status: 'ACTIVE', endsAt: { gt: now, lte: new Date(now.getTime() + 7 * DAY_MS) } },
    orderBy: { endsAt: 'asc' },
    take: deps.batchSize ?? 1000,
    select: { id: true, endsAt: true, notified: true },
  });
  let sent = 0;
  for (const candidate of soon.filter((g) => dueExpiryNotice(g.endsAt!, asList(g.notified), now))) {
    sent += await inTransaction(db, async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Grant" WHERE id = ${candidate.id}::uuid FOR UPDATE`;
      const g = await tx.grant.findUniqueOrThrow({
        where: { id: candidate.id },
        select: {
          id: true,
          identityId: true,
          status: true,
          endsAt: true,
          notified: true,
          entitlement: { select: { name: true } },
          role: { select: { name: true } },
        },
      });
      const notice =
        g.status === 'ACTIVE' && g.endsAt ? dueExpiryNotice(g.endsAt, asList(g.notified), now) : null;
      if (!notice) return 0;
      const already = asList(g.notified);
      await markGrantNotified(tx, g.id, [
        ...new Set([...already, notice, ...(notice === '1d' ? ['7d'] : [])]),
      ]);
      const day = formatDate(g.endsAt);
      await notify(
        tx,
        [
          {
            recipientId: g.identityId,
            kind: `grant.expiring.${notice}`,
            title: `Your ${g.entitlement?.name ?? g.role?.name ?? 'access'} access ends ${notice === '1d' ? 'tomorrow' : 'in 7 days'} (${day})`,
            body: 'If you still need it, ask for an extension on My access before it ends.',
            link: '/access',
          },
        ],
        deps,
      );
      return 1;
    });
  }
  return { notified: sent };
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
