import crypto from 'node:crypto';
import type { TUserActor } from '@/server/auth/actor.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  finalizeApproval,
  REQUEST_ROW_SELECT,
  requestApplicationId,
  startApprovalChain,
} from '@/server/modules/approvals/index.ts';
import { checkSod, toStoredSodCheck } from '@/server/modules/sod/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { loadBeneficiary } from './load-beneficiary.ts';
import { holdPlannedItems, plannedUntilHeld } from './hold-planned-items.ts';
import { loadRequestItems } from '@/server/modules/approvals/index.ts';
import { createApprovalChainDrafts, type TChainQuestion } from './plan-approval-chain.ts';
import { lastMomentOfDayAfter } from './plan-request.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/**
 * The holder (or their manager, or the identity team) asks to keep time-bound access longer, before
 * it ends. The new end is bounded by the item's maximum duration counted from today, and it goes
 * through a shorter chain: the first stage of the item's policy.
 */
export async function requestExtension(
  db: TDb,
  actor: TUserActor,
  input: { grantId: string; requestedEndsAt: Date; justification: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ id: string; status: string }> {
  // The item or its policy changed between the plan and the write (holdPlannedItems): planned again.
  return plannedUntilHeld(() => extendAsPlanned(db, actor, input, deps));
}

/** One plan and its write; null when the item or its policy changed after the plan (nothing was written). */
async function extendAsPlanned(
  db: TDb,
  actor: TUserActor,
  input: { grantId: string; requestedEndsAt: Date; justification: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ id: string; status: string } | null> {
  const now = deps.now ?? new Date();
  const grant = await db.grant.findUnique({
    where: { id: input.grantId },
    select: {
      id: true,
      identityId: true,
      entitlementId: true,
      roleId: true,
      status: true,
      source: true,
      endsAt: true,
    },
  });
  if (!grant) throw new AppError('NOT_FOUND', 'No such access');
  const beneficiary = await loadBeneficiary(db, actor, grant.identityId);
  if (grant.status !== 'ACTIVE' || !grant.endsAt || grant.endsAt <= now)
    throw new AppError('CONFLICT', 'Only access that is still held and has an end date can be extended');
  if (grant.source === 'BIRTHRIGHT')
    throw new AppError('CONFLICT', 'Birthright access follows its rule and has no end date to extend');
  const ref = grant.entitlementId
    ? { kind: 'ENTITLEMENT' as const, id: grant.entitlementId }
    : { kind: 'ROLE' as const, id: grant.roleId! };
  const item = (await loadRequestItems(db, [ref])).get(ref.id);
  if (!item) throw new AppError('NOT_FOUND', 'No such entitlement in the catalog');
  const field = { field: 'requestedEndsAt' };
  if (input.requestedEndsAt <= grant.endsAt)
    throw new AppError('INVALID_INPUT', `The new end date must be after ${formatDate(grant.endsAt)}`, field);
  if (
    item.maxDurationDays &&
    input.requestedEndsAt.getTime() > lastMomentOfDayAfter(now, item.maxDurationDays)
  ) {
    throw new AppError(
      'INVALID_INPUT',
      `${item.name} can be held for at most ${item.maxDurationDays} days from today`,
      field,
    );
  }

  const { summary, evaluation } = await checkSod(db, beneficiary.id, [], { now });
  const mine = evaluation.conflicts.filter(
    (c) => c.status !== 'MITIGATED' && [...c.sideA, ...c.sideB].some((h) => h.grantId === grant.id),
  );
  const conflicts = summary.conflicts.filter((c) => mine.some((m) => m.ruleId === c.ruleId));
  const blocked = conflicts.filter((c) => c.status === 'BLOCKED');
  if (blocked.length)
    throw new AppError(
      'SOD_CONFLICT',
      `Segregation of duties: ${blocked.map((c) => c.explanation).join(' ')}`,
      { conflicts: blocked },
    );
  const question: TChainQuestion = {
    beneficiary,
    item,
    kind: 'EXTEND',
    needsMitigation: conflicts.length > 0,
    hasConflicts: conflicts.length > 0,
  };
  const chain = await createApprovalChainDrafts(db, { ...question, requesterId: actor.identityId });
  if (chain.problem) throw new AppError(chain.problem.code, chain.problem.message);

  try {
    return await inTransaction(
      db,
      async (tx) => {
        // Drawn from the item, policy and approvers as planned: held, and still so, or planned again.
        const held = await holdPlannedItems(tx, actor.identityId, [{ question, drawn: chain }]);
        if (!held) return null;
        const { name } = held.get(item.id)!;
        const request = await tx.accessRequest.create({
          data: {
            batchId: crypto.randomUUID(),
            kind: 'EXTEND',
            requesterId: actor.identityId,
            beneficiaryId: beneficiary.id,
            entitlementId: grant.entitlementId,
            roleId: grant.roleId,
            grantId: grant.id,
            justification: input.justification,
            requestedEndsAt: input.requestedEndsAt,
            sodEvaluation: toStoredSodCheck({ ...summary, conflicts }),
          },
          select: REQUEST_ROW_SELECT,
        });
        await recordAuditEvent(tx, {
          actor,
          action: 'request.created',
          entityType: 'AccessRequest',
          entityId: request.id,
          subjectId: beneficiary.id,
          applicationId: requestApplicationId(request),
          after: {
            kind: 'EXTEND',
            item: name,
            grantId: grant.id,
            from: grant.endsAt,
            to: input.requestedEndsAt,
            justification: input.justification,
          },
        });
        if (chain.autoRule) {
          await finalizeApproval(tx, request, actor, { queue: deps.queue, now, autoRule: chain.autoRule });
          return { id: request.id, status: 'APPROVED' };
        }
        return {
          id: request.id,
          status: await startApprovalChain(tx, request, chain.stages, actor, { queue: deps.queue, now }),
        };
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('ALREADY_REQUESTED', `An extension of ${item.name} is already waiting for approval`);
    throw error;
  }
}
