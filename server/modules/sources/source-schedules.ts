import type { TDb } from '@/server/db/client.ts';

/** How sources' cron schedules reach the queue (pg-boss schedules, one per source, keyed by its id). */
export type TSourceScheduler = {
  /** Throws when the expression cannot be evaluated. */
  validate(cron: string): void;
  set(sourceId: string, cron: string | null): Promise<void>;
  /** The source ids that have a schedule now. */
  list(): Promise<string[]>;
};

/** Makes the queue's schedules match the sources: run at start-up and after a source is saved. */
export async function syncSourceSchedules(db: TDb, scheduler: TSourceScheduler): Promise<void> {
  const sources = await db.identitySource.findMany({
    where: { kind: { in: ['HR_CSV', 'HR_DATABASE'] } },
    select: { id: true, schedule: true, enabled: true },
  });
  const wanted = new Map(sources.filter((s) => s.enabled && s.schedule).map((s) => [s.id, s.schedule!]));
  for (const [id, cron] of wanted) await scheduler.set(id, cron);
  for (const id of await scheduler.list()) if (!wanted.has(id)) await scheduler.set(id, null);
}
