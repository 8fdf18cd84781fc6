import type { TDb } from '@/server/db/client.ts';
import { inTransaction } from '@/server/db/client.ts';

export type TRateLimit = {
  /** calls a token may make at once */ burst: number;
  /** calls it earns back per minute */ perMinute: number;
};
export type TApiCallVerdict =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * The per-token rate limit: a token bucket kept on the token's row in PostgreSQL, so every web
 * process sees one bucket per token and a restart does not refill it (docs/decisions/070). The row
 * is locked while the bucket is read and written, so concurrent calls of one token queue here and
 * never spend the same call twice; calls of different tokens do not wait on each other.
 */
export async function takeApiCall(
  db: TDb,
  tokenId: string,
  limit: TRateLimit,
  deps: { now?: Date } = {},
): Promise<TApiCallVerdict> {
  const now = deps.now ?? new Date();
  const perMs = limit.perMinute / 60_000;
  return inTransaction(
    db,
    async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ bucketLevel: number | null; bucketAt: Date | null }>>`
      SELECT "bucketLevel", "bucketAt" FROM "ApiToken" WHERE id = ${tokenId}::uuid FOR UPDATE`;
      if (!row) return { allowed: false, retryAfterSeconds: 60 };
      const elapsed = row.bucketAt ? Math.max(0, now.getTime() - row.bucketAt.getTime()) : 0;
      const level = Math.min(limit.burst, (row.bucketLevel ?? limit.burst) + elapsed * perMs);
      if (level < 1) {
        await tx.apiToken.update({ where: { id: tokenId }, data: { bucketLevel: level, bucketAt: now } });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - level) / perMs / 1000)) };
      }
      await tx.apiToken.update({ where: { id: tokenId }, data: { bucketLevel: level - 1, bucketAt: now } });
      return { allowed: true, remaining: Math.floor(level - 1) };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
