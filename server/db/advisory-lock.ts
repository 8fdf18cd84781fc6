import type { TDb, TPrisma } from './client.ts';

/**
 * Runs `fn` while holding a PostgreSQL advisory lock on `key`, so every process on the database
 * takes turns (an in-process lock cannot see the other web processes). The lock lives in a
 * transaction of its own that only waits; `fn` does its work through `db` as usual. Callers
 * serialise in-process first (withKeyLock), so waiters do not each hold a pooled connection.
 */
export async function withAdvisoryLock<T>(
  db: TPrisma,
  key: string,
  fn: () => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  let result: T | undefined;
  await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
      result = await fn();
    },
    { maxWait: 10_000, timeout: options.timeoutMs ?? 120_000 },
  );
  return result as T;
}

/**
 * A transaction-level advisory lock on `key`, held by `tx` until it ends; with `wait` off, false at once
 * when another transaction holds it (nothing queues behind a lock that is not free).
 */
export async function lockInTransaction(tx: TDb, key: string, { wait }: { wait: boolean }): Promise<boolean> {
  if (wait) {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    return true;
  }
  const [row] = await tx.$queryRaw<
    Array<{ locked: boolean }>
  >`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS locked`;
  return row?.locked === true;
}
