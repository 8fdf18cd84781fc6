import type { PgBoss, JobInsert, Db } from 'pg-boss';
import { fromPrisma } from 'pg-boss';
import { pgQueryOf, type Prisma } from '@/server/db/client.ts';
import { preparedName } from '@/server/db/prepared-names.ts';
import { JOB_SPECS, type TJobName, type TJobPayload } from './job-specs.ts';

/** How a use case reaches the queue: always through the transaction that causes the job. */
export type TJobQueue = {
  enqueue<N extends TJobName>(
    tx: Prisma.TransactionClient,
    name: N,
    jobs: Array<{ payload: TJobPayload<N> } & Omit<JobInsert, 'data'>>,
  ): Promise<void>;
};

/**
 * Jobs are inserted with the caller's transaction: a change that commits always has its job, one that
 * rolls back never does. On the transaction's own connection when inTransaction opened it (one
 * statement past Prisma's per-query work, docs/decisions/118), else through Prisma (pg-boss's
 * fromPrisma adapter).
 */
export function createJobQueue(getBoss: () => Promise<PgBoss>): TJobQueue {
  return {
    async enqueue(tx, name, jobs) {
      if (jobs.length === 0) return;
      const spec = JOB_SPECS[name];
      const boss = await getBoss();
      const rows = jobs.map(({ payload, ...options }) => ({
        ...options,
        data: spec.schema.parse(payload) as object,
      }));
      // Large plans are inserted in slices to keep each statement's parameters bounded.
      for (let i = 0; i < rows.length; i += 1000) {
        await boss.insert(name, rows.slice(i, i + 1000), { db: databaseOf(tx) });
      }
    },
  };
}

/**
 * pg-boss's database handle for the caller's transaction (pgQueryOf's connection, else Prisma's). Its
 * insert's text is one per queue, so it is prepared (preparedName).
 */
function databaseOf(tx: Prisma.TransactionClient): Db {
  const query = pgQueryOf(tx);
  if (!query) return fromPrisma(tx);
  return {
    executeSql: async (text, values) => {
      const name = preparedName(text);
      return { rows: (await query({ ...(name ? { name } : {}), text, values: values ?? [] })).rows };
    },
  };
}
