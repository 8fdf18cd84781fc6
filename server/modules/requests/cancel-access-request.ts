import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { closeRequest } from '@/server/modules/approvals/index.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { cancelRefusal } from './cancel-rule.ts';

/** The requester withdraws a request that nobody has finished deciding. */
export async function cancelAccessRequest(
  db: TDb,
  actor: TUserActor,
  requestId: string,
  deps: { queue: TJobQueue; now?: Date },
) {
  const now = deps.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "AccessRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
      const request = await tx.accessRequest.findUnique({
        where: { id: requestId },
        select: {
          requesterId: true,
          beneficiaryId: true,
          status: true,
          entitlement: { select: { applicationId: true } },
        },
      });
      if (!request) throw new AppError('NOT_FOUND', 'No such request');
      const refusal = cancelRefusal(actor, request);
      if (refusal) throw refusal;
      // Its steps and stages end with it; the approvers' Slack messages say so.
      await closeRequest(tx, requestId, 'CANCELLED', { queue: deps.queue, now });
      await recordAuditEvent(tx, {
        actor,
        action: 'request.cancelled',
        entityType: 'AccessRequest',
        entityId: requestId,
        subjectId: request.beneficiaryId,
        applicationId: request.entitlement?.applicationId,
        before: { status: 'PENDING' },
        after: { status: 'CANCELLED' },
      });
      return { status: 'CANCELLED' as const };
    },
    REPEATABLE,
  );
}
