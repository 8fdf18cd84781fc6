import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { closeCampaign } from './close-campaign.ts';
import { remindReviewers } from './remind-reviewers.ts';
import { startCampaignInTx } from './start-campaign.ts';
import { startRecurringCopies } from './start-recurring-copies.ts';

export type TReviewScheduleResult = {
  started: string[];
  copies: string[];
  reminded: number;
  closed: string[];
  stillOpen: string[];
};

/**
 * The access reviews' clock (the `reviews.run` job): scheduled campaigns whose start has come are
 * started; recurring campaigns start their next copy; reviewers are reminded before the due date;
 * campaigns past their due date are closed (or escalated). Every step reads the current state, so
 * running it twice changes nothing more.
 */
export async function runReviewSchedule(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TReviewScheduleResult> {
  const now = deps.now ?? new Date();
  const ctx = { queue: deps.queue, now };
  const actor = systemActor('SCHEDULER');
  const due = await db.reviewCampaign.findMany({
    where: { status: 'SCHEDULED', startsAt: { lte: now } },
    orderBy: { startsAt: 'asc' },
    select: { id: true },
  });
  const started: string[] = [];
  for (const { id } of due) {
    const r = await inTransaction(db, (tx) => startCampaignInTx(tx, actor, id, ctx), {
      timeout: 120_000,
      maxWait: 10_000,
    });
    if (r.started) started.push(id);
  }
  const copies = await startRecurringCopies(db, ctx);
  const reminded = await remindReviewers(db, ctx);
  const overdue = await db.reviewCampaign.findMany({
    where: { status: 'ACTIVE', dueAt: { lte: now } },
    orderBy: { dueAt: 'asc' },
    select: { id: true },
  });
  const closed: string[] = [];
  const stillOpen: string[] = [];
  for (const { id } of overdue) {
    const r = await closeCampaign(db, actor, { id }, ctx);
    (r.status === 'CLOSED' ? closed : stillOpen).push(id);
  }
  return { started, copies, reminded, closed, stillOpen };
}
