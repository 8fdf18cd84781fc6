import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  closeRequest,
  itemPhrase,
  notifyRequester,
  getApprovalSettings,
  lockRequest,
  requestApplicationId,
  requestFacts,
} from '@/server/modules/approvals/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

const DAY_MS = 86_400_000;

/** Requests nobody decided within the configured age (approval settings) expire; the requester is told. */
export async function expireStaleRequests(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; batchSize?: number },
): Promise<{ expired: number }> {
  const now = deps.now ?? new Date();
  const { requestMaxAgeDays } = await getApprovalSettings(db);
  const stale = await db.accessRequest.findMany({
    where: { status: 'PENDING', createdAt: { lt: new Date(now.getTime() - requestMaxAgeDays * DAY_MS) } },
    orderBy: { createdAt: 'asc' },
    take: deps.batchSize ?? 500,
    select: { id: true },
  });
  const actor = systemActor('SCHEDULER');
  let expired = 0;
  for (const { id } of stale) {
    expired += await inTransaction(db, async (tx) => {
      const request = await lockRequest(tx, id);
      if (!request || request.status !== 'PENDING') return 0;
      // The approvers' Slack messages say it expired, and lose their buttons (docs/decisions/072).
      await closeRequest(tx, id, 'EXPIRED', { queue: deps.queue, now });
      await recordAuditEvent(tx, {
        actor,
        action: 'request.expired',
        entityType: 'AccessRequest',
        entityId: id,
        subjectId: request.beneficiaryId,
        applicationId: requestApplicationId(request),
        after: { status: 'EXPIRED', maxAgeDays: requestMaxAgeDays },
      });
      const facts = requestFacts(request);
      await notifyRequester(
        tx,
        facts,
        {
          kind: 'request.expired',
          title: `Your request for ${itemPhrase(facts)} expired`,
          body: `Nobody decided it within ${requestMaxAgeDays} days. Ask again if you still need it.`,
        },
        deps,
      );
      return 1;
    });
  }
  return { expired };
}
