import crypto from 'node:crypto';
import type { TUserActor } from '@/server/auth/actor.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import { resolveManagerApprover } from '@/server/modules/approvals/resolve-manager-approver.ts';
import { assertCanActFor } from '@/server/modules/identities/identity-scope.ts';
import { notify } from '@/server/modules/notifications/notify.ts';

export type TCreateAccessRequestInput = {
  entitlementId: string;
  beneficiaryId?: string;
  justification: string;
  requestedEndsAt?: Date | null;
  idempotencyKey?: string;
};

const DAY_MS = 86_400_000;

/** Submits a request for an entitlement, for oneself or (by scope) someone else, to their manager. */
export async function createAccessRequest(
  db: TPrisma,
  actor: TUserActor,
  input: TCreateAccessRequestInput,
  deps: { now?: Date } = {},
): Promise<{ id: string; status: string }> {
  const now = deps.now ?? new Date();
  if (input.idempotencyKey) {
    const existing = await db.accessRequest.findUnique({
      where: { requesterId_idempotencyKey: { requesterId: actor.identityId, idempotencyKey: input.idempotencyKey } },
      select: { id: true, status: true },
    });
    if (existing) return existing;
  }
  const beneficiaryId = input.beneficiaryId ?? actor.identityId;
  await assertCanActFor(db, actor, beneficiaryId, { forReports: 'request.createForReport', forAnyone: 'request.createForAnyone' });
  const beneficiary = await db.identity.findUniqueOrThrow({
    where: { id: beneficiaryId },
    select: { status: true, displayName: true },
  });
  if (beneficiary.status === 'TERMINATED') throw new AppError('PRECONDITION_FAILED', `${beneficiary.displayName} has left`);

  const entitlement = await db.entitlement.findUnique({
    where: { id: input.entitlementId },
    select: { id: true, name: true, requestable: true, maxDurationDays: true, application: { select: { enabled: true, name: true } } },
  });
  if (!entitlement || !entitlement.application.enabled) throw new AppError('NOT_FOUND', 'No such entitlement in the catalog');
  if (!entitlement.requestable) throw new AppError('NOT_REQUESTABLE', `${entitlement.name} cannot be requested`);

  const endsAt = input.requestedEndsAt ?? null;
  if (endsAt && endsAt.getTime() <= now.getTime()) {
    throw new AppError('INVALID_INPUT', 'The end date must be in the future', { field: 'requestedEndsAt' });
  }
  if (entitlement.maxDurationDays) {
    const latest = now.getTime() + entitlement.maxDurationDays * DAY_MS;
    if (!endsAt) {
      throw new AppError('INVALID_INPUT', `${entitlement.name} needs an end date within ${entitlement.maxDurationDays} days`, { field: 'requestedEndsAt' });
    }
    if (endsAt.getTime() > latest) {
      throw new AppError('INVALID_INPUT', `${entitlement.name} can be held for at most ${entitlement.maxDurationDays} days`, { field: 'requestedEndsAt' });
    }
  }

  const held = await db.grant.findFirst({
    where: { identityId: beneficiaryId, entitlementId: entitlement.id, status: 'ACTIVE' },
    select: { id: true },
  });
  if (held) throw new AppError('ALREADY_HELD', `${beneficiary.displayName} already holds ${entitlement.name}`);

  const approvers = await resolveManagerApprover(db, { requesterId: actor.identityId, beneficiaryId });
  if (approvers.approverIds.length === 0) throw new AppError('NO_APPROVER', 'Nobody can approve this request: ask the identity team');

  try {
    return await db.$transaction(async (tx) => {
      const request = await tx.accessRequest.create({
        data: {
          batchId: crypto.randomUUID(),
          requesterId: actor.identityId,
          beneficiaryId,
          entitlementId: entitlement.id,
          justification: input.justification,
          requestedEndsAt: endsAt,
          idempotencyKey: input.idempotencyKey ?? null,
          stages: { create: { position: 0, name: 'Manager approval', mode: 'ANY', quorum: 1, status: 'PENDING' } },
        },
        select: { id: true, status: true, stages: { select: { id: true } } },
      });
      await tx.approvalStep.createMany({
        data: approvers.approverIds.map((approverId) => ({
          stageId: request.stages[0]!.id,
          requestId: request.id,
          approverId,
          reason: approvers.reason,
        })),
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'request.created',
        entityType: 'AccessRequest',
        entityId: request.id,
        subjectId: beneficiaryId,
        after: { entitlement: entitlement.name, justification: input.justification, requestedEndsAt: endsAt, approvers: approvers.approverIds },
      });
      await notify(
        tx,
        approvers.approverIds.map((recipientId) => ({
          recipientId,
          kind: 'approval.assigned',
          title: `Approve ${entitlement.name} for ${beneficiary.displayName}?`,
          body: input.justification,
          link: '/approvals',
        })),
      );
      return { id: request.id, status: request.status };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (input.idempotencyKey) {
      const existing = await db.accessRequest.findUnique({
        where: { requesterId_idempotencyKey: { requesterId: actor.identityId, idempotencyKey: input.idempotencyKey } },
        select: { id: true, status: true },
      });
      if (existing) return existing;
    }
    throw new AppError('ALREADY_REQUESTED', `A request for ${entitlement.name} is already waiting for approval`);
  }
}
