import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '@/prisma/generated/client.ts';
import { getEnv } from '@/server/env.ts';

export { Prisma };
export type TPrisma = PrismaClient;
/** What repositories accept, so a use case can run inside its caller's transaction. */
export type TDb = PrismaClient | Prisma.TransactionClient;

export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { gatehousePrisma?: PrismaClient };

/** The process-wide client (cached across Next.js hot reloads). */
export function getPrisma(): PrismaClient {
  globalForPrisma.gatehousePrisma ??= createPrismaClient(getEnv().DATABASE_URL);
  return globalForPrisma.gatehousePrisma;
}

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one. Serializable isolation
 * is not used: use cases take row locks where they need them (SELECT ... FOR UPDATE).
 */
export async function inTransaction<T>(db: TDb, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return db.$transaction(fn, { timeout: 30_000, maxWait: 10_000 });
  return fn(db);
}
