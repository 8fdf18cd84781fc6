import type { TDb } from '@/server/db/client.ts';

/** Polls `check` until it returns a truthy value; fails with the last value after the timeout. */
export async function waitFor<T>(
  check: () => Promise<T>,
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const FINAL = ['SUCCEEDED', 'NOOP', 'FAILED', 'CANCELLED', 'WAITING'] as const;

/** Waits until the worker has settled these operations (or every operation, when ids is omitted). */
export async function waitForOperations(db: TDb, ids?: string[], timeoutMs = 30_000) {
  const describe = async () =>
    JSON.stringify(
      await db.provisioningOperation.findMany({
        where: ids ? { id: { in: ids } } : { status: { notIn: [...FINAL] } },
        select: { kind: true, status: true, attempts: true, lastError: true },
        take: 20,
      }),
    );
  return waitFor(
    async () => {
      const pending = await db.provisioningOperation.count({
        where: { ...(ids ? { id: { in: ids } } : {}), status: { notIn: [...FINAL] } },
      });
      return pending === 0
        ? db.provisioningOperation.findMany({
            where: ids ? { id: { in: ids } } : {},
            orderBy: { sequence: 'asc' },
          })
        : null;
    },
    { timeoutMs, what: 'provisioning operations to settle' },
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}\noperations: ${await describe()}`);
  });
}
