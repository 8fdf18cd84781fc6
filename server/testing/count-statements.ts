import type pg from 'pg';
import { createPrismaClient, poolOf, type TPrisma } from '@/server/db/client.ts';
import { createTestContext, type TTestContext } from './test-context.ts';

export type TStatementCounter = {
  /** A client of its own, so nothing else that runs meanwhile (pg-boss, other clients) is counted. */
  prisma: TPrisma;
  /** Runs `fn` and returns its result with the statements it sent (BEGIN and COMMIT included). */
  count: <T>(fn: (db: TPrisma) => Promise<T>) => Promise<{ result: T; statements: number; texts: string[] }>;
  close: () => Promise<void>;
};

/**
 * Counts the statements a piece of code sends, for the tests that prove a list costs the same number
 * of round trips for 2 rows as for 20 (issue 14, "fewer round trips"). Every connection the client's
 * pool hands out has its `query` wrapped once; Prisma's pg adapter sends each statement, and each
 * transaction's BEGIN and COMMIT, through it.
 */
export function createStatementCounter(url: string): TStatementCounter {
  const prisma = createPrismaClient(url, { max: 3 });
  const pool = poolOf(prisma)!;
  let texts: string[] | null = null;
  const wrapped = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      texts?.push(typeof first === 'string' ? first : String((first as { text?: unknown }).text));
      return query(...args);
    };
  });
  return {
    prisma,
    count: async (fn) => {
      if (texts) throw new Error('createStatementCounter: one count at a time');
      texts = [];
      try {
        const result = await fn(prisma);
        return { result, statements: texts.length, texts };
      } finally {
        texts = null;
      }
    },
    close: () => prisma.$disconnect(),
  };
}

/** A test context with a statement counter on its database, closed together. */
export type TCountingContext = TTestContext & { counter: TStatementCounter };

/** What every statement-count test starts from: `createTestContext()` plus `createStatementCounter`. */
export async function createCountingContext(): Promise<TCountingContext> {
  const t = await createTestContext();
  const counter = createStatementCounter(t.url);
  return {
    ...t,
    counter,
    close: async () => {
      await counter.close();
      await t.close();
    },
  };
}
