import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, LONGEST_TRANSACTION_MS, type TDb } from '@/server/db/client.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/** How far grants' starts have been planned: the end of the last run's window. */
export const GRANT_STARTS_SETTING_KEY = 'access.grantStartsPlannedUpTo';
const BATCH = 500;
/**
 * How far each window reaches back into the one before it. A grant's start is chosen by its writer,
 * but the row is seen only once its transaction commits: one written to start a second later, in a
 * transaction still open when a run read its window, is not in that run's snapshot, and a window that
 * began where the last ended would never see it again. Its writer's transaction began before the start
 * and stays open at most LONGEST_TRANSACTION_MS, so looking back three times that (and a writer's clock
 * a little behind) finds it. The people of the overlap are planned again; planAccess is idempotent.
 */
export const GRANT_START_OVERLAP_MS = 3 * LONGEST_TRANSACTION_MS;

/**
 * Time-bound access starts on time. A grant written to start later (`startsAt` after `createdAt`) was
 * not in force when its writer planned the person, so nothing provisioned it and no SoD check saw it:
 * a violation it makes would wait for the nightly scan. Every few minutes the people whose such grants
 * came into force since the last run (one statement, through the partial index db_grant_starts_later)
 * are planned, a batch per transaction, named as changed (`accessChangedFor`) so that planAccess checks
 * exactly their SoD violations, set-based (inline for a few, by `sod.refresh` jobs for more).
 * The window is kept in SystemSetting and moved only after its people are planned: a run that dies
 * is done again (planAccess is idempotent), and a grant is planned in the few runs whose window or its
 * overlap holds its start, not in every run.
 */
export async function startGrants(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ people: number; operations: number }> {
  const now = deps.now ?? new Date();
  const from = new Date((await plannedUpTo(db)).getTime() - GRANT_START_OVERLAP_MS);
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT g."identityId"::text AS id FROM "Grant" g
     WHERE g."startsAt" > g."createdAt" AND g."startsAt" > ${from} AND g."startsAt" <= ${now}
       AND g.status = 'ACTIVE' AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
     ORDER BY 1`;
  const ids = rows.map((r) => r.id);
  const actor = systemActor('SCHEDULER');
  let operations = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const planned = await inTransaction(
      db,
      (tx) =>
        planAccess(
          tx,
          batch,
          { reason: 'GRANT_STARTED', actor, ref: 'grants:start', accessChangedFor: batch },
          { queue: deps.queue, now },
        ),
      { timeout: 300_000 },
    );
    operations += planned.length;
  }
  // Never backwards, compared with what is stored when it is written: a run with an earlier clock, or
  // one that overlapped a later run (a retried job) and ended after it, would plan the same starts again.
  const value = JSON.stringify({ at: now.toISOString() });
  await db.$executeRaw`
    INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${GRANT_STARTS_SETTING_KEY}, ${value}::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()
     WHERE "SystemSetting".value->>'at' IS NULL
        OR ("SystemSetting".value->>'at')::timestamptz < (EXCLUDED.value->>'at')::timestamptz`;
  return { people: ids.length, operations };
}

async function plannedUpTo(db: TDb): Promise<Date> {
  const row = await db.systemSetting.findUnique({
    where: { key: GRANT_STARTS_SETTING_KEY },
    select: { value: true },
  });
  const at = (row?.value as { at?: unknown } | null)?.at;
  // Never run: every start so far is due (grants written to start later are few, if any).
  return typeof at === 'string' ? new Date(at) : new Date(0);
}
