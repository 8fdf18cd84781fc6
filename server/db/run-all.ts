import type { TDb } from './client.ts';

/**
 * Runs independent queries side by side on a client (each takes its own pooled connection), or one
 * after another inside a transaction, whose single connection cannot run two at once.
 */
export async function runAll<T extends readonly unknown[]>(
  db: TDb,
  thunks: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  // A transaction client lacks $connect (Prisma hides it there; $transaction it keeps).
  if ('$connect' in db) return (await Promise.all(thunks.map((f) => f()))) as unknown as T;
  const out: unknown[] = [];
  for (const f of thunks) out.push(await f());
  return out as unknown as T;
}
