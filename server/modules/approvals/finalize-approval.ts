import { actorId, type TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { itemPhrase, notifyRequester } from './approval-notifications.ts';
import { effectiveEndsAt, requestApplicationId, requestFacts, type TRequestRow } from './request-row.ts';
import { createGrant, extendGrant } from '@/server/modules/access/index.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/**
 * The last stage approved (or an auto-approval rule matched): in the caller's transaction, the
 * request is approved, its grant created (or, for an extension, the grant's end moved) and the
 * access planned through planAccess, so a committed approval always has its provisioning jobs.
 */
export async function finalizeApproval(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  actor: TActor,
  deps: { queue: TJobQueue; now: Date; autoRule?: { id: string; name: string } },
): Promise<void> {
  const { now } = deps;
  const endsAt = effectiveEndsAt(request);
  const facts = requestFacts(request);
  let grantId = request.grantId;
  if (request.kind === 'EXTEND') {
    // Without its grant (deleted since) an extension extends nothing: Prisma would drop a null filter.
    if (!request.grantId)
      throw new AppError('CONFLICT', 'This access ended before its extension was approved');
    const previous = await tx.grant.findUnique({ where: { id: request.grantId }, select: { endsAt: true } });
    const moved = await extendGrant(tx, request.grantId, endsAt);
    if (!moved) throw new AppError('CONFLICT', 'This access ended before its extension was approved');
    await recordAuditEvent(tx, {
      actor,
      action: 'grant.extended',
      entityType: 'Grant',
      entityId: request.grantId!,
      subjectId: request.beneficiaryId,
      applicationId: requestApplicationId(request),
      before: { endsAt: previous?.endsAt ?? null },
      after: { endsAt, requestId: request.id },
    });
  } else {
    const grant = await createGrant(tx, {
      identityId: request.beneficiaryId,
      entitlementId: request.entitlementId,
      roleId: request.roleId,
      source: 'REQUEST',
      sourceRef: request.id,
      startsAt: now,
      endsAt,
      grantedById: deps.autoRule ? null : actorId(actor),
    });
    grantId = grant.id;
    await recordAuditEvent(tx, {
      actor,
      action: 'grant.created',
      entityType: 'Grant',
      entityId: grant.id,
      subjectId: request.beneficiaryId,
      applicationId: requestApplicationId(request),
      after: {
        source: 'REQUEST',
        requestId: request.id,
        item: facts.itemName,
        endsAt,
        autoApprovedBy: deps.autoRule?.name ?? null,
      },
    });
  }
  await tx.accessRequest.update({
    where: { id: request.id },
    data: {
      status: 'APPROVED',
      decidedAt: now,
      grantId,
      approvedEndsAt: endsAt,
      autoApprovedBy: deps.autoRule?.id ?? null,
    },
  });
  await recordAuditEvent(tx, {
    actor,
    action: deps.autoRule ? 'request.auto_approved' : 'request.approved',
    entityType: 'AccessRequest',
    entityId: request.id,
    subjectId: request.beneficiaryId,
    applicationId: requestApplicationId(request),
    before: { status: 'PENDING' },
    after: { status: 'APPROVED', endsAt, rule: deps.autoRule ?? null },
  });
  await planAccess(
    tx,
    [request.beneficiaryId],
    { reason: 'REQUEST_APPROVED', actor, ref: `request:${request.id}` },
    { queue: deps.queue, now },
  );
  await notifyRequester(
    tx,
    facts,
    {
      kind: 'request.approved',
      title: `Your request for ${itemPhrase(facts)} was approved${deps.autoRule ? ' automatically' : ''}`,
      body: deps.autoRule
        ? `Approved by the rule “${deps.autoRule.name}”.`
        : endsAt
          ? `Until ${formatDate(endsAt)}.`
          : '',
    },
    deps,
  );
}
