import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';

/** The requester withdraws a request that nobody has finished deciding. */
export async function cancelAccessRequest(
  db: TDb,
  actor: TUserActor,
  requestId: string,
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  return inTransaction(db, async (tx) => {
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
    if (request.requesterId !== actor.identityId)
      throw new AppError('FORBIDDEN', 'Only the requester can cancel a request');
    if (request.status !== 'PENDING')
      throw new AppError('REQUEST_NOT_PENDING', `This request is already ${request.status.toLowerCase()}`);
    await tx.accessRequest.update({
      where: { id: requestId },
      data: { status: 'CANCELLED', decidedAt: now },
    });
    await tx.approvalStep.updateMany({
      where: { requestId, status: 'PENDING' },
      data: { status: 'CANCELLED' },
    });
    await tx.approvalStage.updateMany({
      where: { requestId, status: { in: ['WAITING', 'PENDING'] } },
      data: { status: 'CANCELLED' },
    });
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
  });
}
