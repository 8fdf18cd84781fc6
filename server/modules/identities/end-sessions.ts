import type { TDb } from '@/server/db/client.ts';

/**
 * Ends every portal session of these people: a session carries the sessionVersion it was issued
 * with, and loadActor refuses one that no longer matches (docs/decisions/040). The JWT cookie stays
 * in the browser but is worthless from here on.
 */
export async function endSessions(
  db: TDb,
  identityIds: readonly string[],
  /** The leaver kill switch's stamp, set in the same write (one new version of each row, not two). */
  also: { terminatedAt?: Date } = {},
): Promise<void> {
  if (identityIds.length === 0) return;
  await db.identity.updateMany({
    where: { id: { in: [...identityIds] } },
    data: { sessionVersion: { increment: 1 }, ...also },
  });
}
