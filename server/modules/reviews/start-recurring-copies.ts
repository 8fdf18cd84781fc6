import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { lockCampaign } from './lock-campaign.ts';
import { startCampaignInTx } from './start-campaign.ts';

/** The start of period `k` of a campaign recurring every `months` months (calendar months, UTC). */
export function periodStart(first: Date, months: number, k: number): Date {
  const d = new Date(first);
  d.setUTCMonth(d.getUTCMonth() + months * k);
  return d;
}

/**
 * A recurring campaign's next copy starts by itself when its period comes: a new campaign with the
 * same scope, stages and rules (parentId: the original), started at once. Idempotent: the original's
 * row is locked and a copy for that period is made only once. A cancelled or draft original, or one
 * that never started, makes no copies.
 */
export async function startRecurringCopies(
  db: TDb,
  deps: { queue: TJobQueue; now: Date },
): Promise<string[]> {
  const originals = await db.reviewCampaign.findMany({
    where: {
      recurrenceMonths: { not: null },
      parentId: null,
      kind: 'CAMPAIGN',
      status: { in: ['ACTIVE', 'CLOSED'] },
      startsAt: { lte: deps.now },
    },
    select: { id: true },
  });
  const started: string[] = [];
  for (const { id } of originals) {
    const copy = await inTransaction(
      db,
      async (tx) => {
        const original = await lockCampaign(tx, id);
        const months = original.recurrenceMonths;
        if (!months || (original.status !== 'ACTIVE' && original.status !== 'CLOSED')) return null;
        let k = 0;
        while (periodStart(original.startsAt, months, k + 1) <= deps.now) k++;
        if (k === 0) return null;
        const startsAt = periodStart(original.startsAt, months, k);
        const existing = await tx.reviewCampaign.count({ where: { parentId: original.id, startsAt } });
        if (existing) return null;
        const stages = await tx.reviewStage.findMany({
          where: { campaignId: original.id },
          orderBy: { position: 'asc' },
          select: { position: true, reviewerKind: true, teamId: true, reviewerId: true },
        });
        const created = await tx.reviewCampaign.create({
          data: {
            name: `${original.name} (${startsAt.toISOString().slice(0, 7)})`,
            description: original.description,
            kind: 'CAMPAIGN',
            status: 'SCHEDULED',
            scope: original.scope ?? {},
            startsAt,
            dueAt: new Date(startsAt.getTime() + (original.dueAt.getTime() - original.startsAt.getTime())),
            undecidedAction: original.undecidedAction,
            revokeTiming: original.revokeTiming,
            parentId: original.id,
            createdById: original.createdById,
            stages: { create: stages },
          },
          select: { id: true },
        });
        await startCampaignInTx(tx, systemActor('SCHEDULER'), created.id, {
          queue: deps.queue,
          now: deps.now,
        });
        return created.id;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    if (copy) started.push(copy);
  }
  return started;
}
