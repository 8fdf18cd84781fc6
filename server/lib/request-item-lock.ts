import type { Prisma } from '@/server/db/client.ts';

/**
 * The advisory lock that stands for "a submission is writing a request drawn from this entitlement,
 * role or application" (docs/decisions/112, 115). A submission's hold (requests' holdPlannedItems)
 * takes it shared for every entitlement it gives (a role's bundle included), every role and every
 * application of its items; a change that decides what such a request needs takes it exclusively
 * before it reads anything, so a submission holding it commits first and the change then sees the
 * request (an entitlement's save, an SoD rule's save, an application owner's change). A row lock could
 * not be the one they meet: FOR UPDATE, which meets the hold's KEY SHARE, also waits for every
 * transaction inserting a grant or membership of the row (their foreign keys take KEY SHARE: an HR
 * batch, for as long as it runs), and FOR SHARE on the rows would make routine updates (aggregation's
 * lastSeenAt) wait for submissions. Below every module: requests, sod and applications take it.
 */
export const requestItemLockKey = (id: string) => `request-item:${id}`;

/**
 * Takes the request-item locks of these ids exclusively, in key order (the order a hold takes them
 * shared in, so the two cannot deadlock), in one statement.
 */
export async function lockRequestItemsForChange(
  tx: Prisma.TransactionClient,
  ids: readonly string[],
): Promise<void> {
  const keys = [...new Set(ids)].map(requestItemLockKey).sort();
  if (!keys.length) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) AS n FROM unnest(${keys}::text[]) AS k`;
}
