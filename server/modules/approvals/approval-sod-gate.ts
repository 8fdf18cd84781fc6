import type { TUserActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import {
  checkSod,
  type TSodCheck,
  recordSodMitigations,
  type TMitigationInput,
  type TSodConflict,
} from '@/server/modules/sod/index.ts';
import { appendApprovalStages, resolveMitigationStage } from './approval-chain-rows.ts';
import type { TRequestRow } from './request-row.ts';

export type { TMitigationInput };

/**
 * SoD again at every approval (rules change while a request waits). A blocking conflict refuses the
 * approval. A conflict that needs a mitigating control either gets one from this approver (who must
 * hold sod.mitigate), or the chain gains a mitigation stage before the access can be granted; the
 * mitigation stage itself cannot be approved without a control.
 */
export async function applySodAtApproval(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  stage: { kind: string },
  actor: TUserActor,
  mitigation: TMitigationInput | undefined,
  now: Date,
): Promise<TSodCheck> {
  const { relevant, summary } = await requestConflicts(tx, request, now);
  const blocked = relevant.filter((c) => c.status === 'BLOCKED');
  if (blocked.length) {
    const texts = summary.conflicts
      .filter((c) => blocked.some((b) => b.ruleId === c.ruleId))
      .map((c) => c.explanation);
    throw new AppError('SOD_CONFLICT', `Segregation of duties: ${texts.join(' ')}`, {
      conflicts: summary.conflicts,
    });
  }
  const unmitigated = relevant.filter((c) => c.status === 'NEEDS_MITIGATION');
  if (unmitigated.length === 0) return summary;

  if (mitigation) {
    await recordSodMitigations(
      tx,
      {
        identityId: request.beneficiaryId,
        rules: unmitigated,
        mitigation,
        actor,
        metadata: { requestId: request.id },
      },
      now,
    );
    return {
      ...summary,
      needsMitigation: false,
      conflicts: summary.conflicts.map((c) =>
        unmitigated.some((u) => u.ruleId === c.ruleId)
          ? {
              ...c,
              status: 'MITIGATED' as const,
              mitigation: { id: '', control: mitigation.control, expiresAt: mitigation.expiresAt },
            }
          : c,
      ),
    };
  }
  if (stage.kind === 'SOD_MITIGATION') {
    throw new AppError(
      'SOD_MITIGATION_REQUIRED',
      'Record the mitigating control (what it is and when it expires) to approve this conflict',
      {
        conflicts: summary.conflicts,
      },
    );
  }
  const hasMitigationStage = await tx.approvalStage.count({
    where: { requestId: request.id, kind: 'SOD_MITIGATION', status: { in: ['WAITING', 'PENDING'] } },
  });
  if (!hasMitigationStage) {
    const draft = await resolveMitigationStage(tx, request);
    if (!draft)
      throw new AppError(
        'NO_APPROVER',
        'A mitigating control is needed and nobody may record one: ask the identity team',
      );
    await appendApprovalStages(tx, request.id, [draft]);
  }
  return summary;
}

/** The conflicts a request is answerable for: new ones for a grant, its grant's own for an extension. */
export async function requestConflicts(
  tx: Prisma.TransactionClient,
  request: TRequestRow,
  now: Date,
): Promise<{ relevant: TSodConflict[]; summary: TSodCheck }> {
  const ref = request.entitlementId
    ? { kind: 'ENTITLEMENT' as const, id: request.entitlementId }
    : { kind: 'ROLE' as const, id: request.roleId! };
  const { evaluation, summary } = await checkSod(
    tx,
    request.beneficiaryId,
    request.kind === 'GRANT' ? [ref] : [],
    { now },
  );
  // An extension keeps access already held: what matters is a conflict its grant is part of.
  const isRelevant = (c: TSodConflict) =>
    request.kind === 'GRANT'
      ? c.isNew
      : [...c.sideA, ...c.sideB].some((h) => h.grantId !== null && h.grantId === request.grantId);
  return { relevant: evaluation.conflicts.filter(isRelevant), summary };
}
