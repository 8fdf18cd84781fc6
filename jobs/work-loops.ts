import type { PgBoss } from 'pg-boss';
import type { TJobDefinition, TWorkerContext } from './define-job.ts';

/**
 * A job kind's fetch loops (its localConcurrency), each registered on its own so that it knows its
 * pg-boss worker id. A loop that has just handled jobs looks again at once: pg-boss only bursts
 * after a full batch, and a batch cut short by an application's concurrency limit (8 jobs of a
 * batch of 128) would otherwise leave its slots free until the next poll. Only an empty fetch
 * waits for the polling interval, so an idle queue is not polled in a loop.
 */
export async function workLoops(
  boss: PgBoss,
  def: TJobDefinition,
  ctx: TWorkerContext,
  pollingIntervalSeconds?: number,
): Promise<void> {
  const { localConcurrency = 1, ...work } = def.work;
  for (let i = 0; i < localConcurrency; i++) {
    const loop = { id: '' };
    loop.id = await boss.work(
      def.name,
      {
        ...work,
        ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}),
        localConcurrency: 1,
        includeMetadata: true,
        perJobResults: true,
      },
      async (jobs) => {
        try {
          // Each job keeps which worker settled it (pg-boss stores a result's output on the job): the
          // operations' history says what happened, this says where, across processes.
          return (await def.handle(jobs as never, ctx)).map((r) =>
            r.output === undefined ? { ...r, output: { worker: ctx.workerId } } : r,
          );
        } finally {
          // Marks the loop notified: once pg-boss has settled these jobs it fetches without waiting.
          if (loop.id) boss.notifyWorker(loop.id);
        }
      },
    );
  }
}
