import crypto from 'node:crypto';
import { PERMISSIONS } from '@/server/auth/permissions.ts';
import { insertRows, insertRowsSql } from '@/server/db/bulk-insert.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import type { PortalRole } from '@/prisma/generated/enums.ts';
import type { TResolvedStage } from './resolve-approval-chain.ts';
import { computeStageOutcome, type TStageOutcome } from './stage-outcome.ts';

export type TStageDraft = TResolvedStage & { kind: 'APPROVAL' | 'SOD_MITIGATION' };

const HOUR_MS = 3_600_000;

/**
 * Writes a request's stages, all WAITING, and their steps, in two statements however many there are:
 * for stages added to a request already under way (the SoD gate's review, after `offset` stages).
 */
export async function createApprovalChain(
  tx: Prisma.TransactionClient,
  requestId: string,
  stages: readonly TStageDraft[],
  offset = 0,
): Promise<void> {
  const rows = approvalChainRows(requestId, stages, offset, undefined);
  await insertRows(tx, 'ApprovalStage', rows.stages);
  await insertRows(tx, 'ApprovalStep', rows.steps);
}

/** Stages added after a request's last one, WAITING: the request reaches them once its current stage is settled. */
export async function appendApprovalStages(
  tx: Prisma.TransactionClient,
  requestId: string,
  stages: readonly TStageDraft[],
): Promise<void> {
  const last = await tx.approvalStage.aggregate({ where: { requestId }, _max: { position: true } });
  await createApprovalChain(tx, requestId, stages, (last._max.position ?? -1) + 1);
}

/**
 * A new request's chain as INSERTs to be sent inside one statement with other writes of the same
 * transaction (data-modifying CTEs: startApprovalChain writes the request's own rows with them), the
 * first stage opened at `openFirstAt`: only for a request nobody can have decided anything on yet.
 * None for an empty chain.
 */
export function approvalChainSql(
  requestId: string,
  stages: readonly TStageDraft[],
  openFirstAt?: Date,
): Prisma.Sql[] {
  const rows = approvalChainRows(requestId, stages, 0, openFirstAt);
  return [...insertRowsSql('ApprovalStage', rows.stages), ...insertRowsSql('ApprovalStep', rows.steps)];
}

function approvalChainRows(
  requestId: string,
  stages: readonly TStageDraft[],
  offset: number,
  openFirstAt: Date | undefined,
) {
  const rows = stages.map((stage, i) => ({
    id: crypto.randomUUID(),
    requestId,
    position: offset + i,
    name: stage.name,
    mode: stage.mode,
    quorum: stage.required,
    status: openFirstAt && i === 0 ? ('PENDING' as const) : ('WAITING' as const),
    kind: stage.kind,
    slaHours: stage.slaHours,
    reminderHours: stage.reminderHours,
    teamIds: stage.teamIds,
    ...(openFirstAt && i === 0
      ? stageClock(stage, openFirstAt)
      : { dueAt: null, remindAt: null, clockStartedAt: null }),
  }));
  const steps = stages.flatMap((stage, i) =>
    stage.approvers.map((a) => ({
      id: crypto.randomUUID(),
      stageId: rows[i]!.id,
      requestId,
      approverId: a.identityId,
      reason: a.reason,
    })),
  );
  return { stages: rows, steps };
}

/**
 * A stage's clock from the moment it becomes current: when it escalates, when its approvers are
 * reminded, and when it started (the fixed point a follow's restart is bounded by, follow-approver-changes.ts).
 */
const stageClock = (
  stage: { slaHours: number | null; reminderHours: number | null },
  now: Date,
): { dueAt: Date | null; remindAt: Date | null; clockStartedAt: Date } => ({
  clockStartedAt: now,
  dueAt: stage.slaHours ? new Date(now.getTime() + stage.slaHours * HOUR_MS) : null,
  remindAt: stage.reminderHours ? new Date(now.getTime() + stage.reminderHours * HOUR_MS) : null,
});

/**
 * Makes a WAITING stage the current one: its clock starts (reminder, escalation). Someone who already
 * approved an earlier stage of this request is not asked again: their step is approved with that
 * note. A mitigation stage is never carried over: it needs a control recorded.
 */
export async function activateStage(
  tx: Prisma.TransactionClient,
  stage: {
    id: string;
    requestId: string;
    position: number;
    mode: 'ANY' | 'ALL' | 'QUORUM';
    quorum: number;
    kind: string;
    slaHours: number | null;
    reminderHours: number | null;
  },
  now: Date,
): Promise<{ outcome: TStageOutcome; pendingApproverIds: string[] }> {
  await tx.approvalStage.update({
    where: { id: stage.id },
    data: { status: 'PENDING', ...stageClock(stage, now) },
  });
  // Only a later stage can carry over an approval (the first has none before it).
  if (stage.kind !== 'SOD_MITIGATION' && stage.position > 0) {
    const earlier = await tx.approvalStep.findMany({
      where: { requestId: stage.requestId, status: 'APPROVED', stage: { position: { lt: stage.position } } },
      select: { decidedById: true, stage: { select: { name: true } } },
    });
    for (const e of earlier) {
      if (!e.decidedById) continue;
      await tx.approvalStep.updateMany({
        where: { stageId: stage.id, approverId: e.decidedById, status: 'PENDING' },
        data: {
          status: 'APPROVED',
          decidedById: e.decidedById,
          decidedAt: now,
          comment: `Approved at the earlier stage “${e.stage.name}”`,
        },
      });
    }
  }
  const steps = await tx.approvalStep.findMany({
    where: { stageId: stage.id },
    select: { id: true, status: true, escalatedFromId: true, approverId: true },
  });
  const { outcome } = computeStageOutcome(stage, steps);
  return {
    outcome,
    pendingApproverIds: steps.filter((s) => s.status === 'PENDING').map((s) => s.approverId),
  };
}

/** Portal roles that may record a mitigating control (permission sod.mitigate), beyond everyone's. */
const MITIGATOR_ROLES = (PERMISSIONS['sod.mitigate'] as readonly string[]).filter(
  (r): r is PortalRole => r !== 'EMPLOYEE' && r !== 'MANAGER',
);

/**
 * The ids of active people who may record a mitigating control, in id order: a subquery, so the
 * submission reads them in its one chain query (load-chain-facts.ts) and a later stage here. It goes
 * from the few role holders to Identity by id: as an EXISTS, the planner could start from every
 * active person in Identity_status_idx (it did at 20,000 people, docs/decisions/118, chain41). The
 * status is compared as text so that index is not ANDed in (nearly everyone is active).
 */
export const mitigatorIdsSql = () => Prisma.sql`
  SELECT i.id FROM "Identity" i
   WHERE i.id = ANY(ARRAY(SELECT r."identityId" FROM "IdentityPortalRole" r WHERE r.role::text = ANY(${MITIGATOR_ROLES}::text[])))
     AND i.status::text = 'ACTIVE'`;

/** The people who may record a mitigating control (permission sod.mitigate), for a mitigation stage. */
export async function resolveMitigationStage(
  db: TDb,
  subject: { requesterId: string; beneficiaryId: string },
): Promise<TStageDraft | null> {
  const people = await db.$queryRaw<Array<{ id: string }>>`
    SELECT m.id::text FROM (${mitigatorIdsSql()}) m ORDER BY m.id`;
  return mitigationStageOf(
    people.map((p) => p.id),
    subject,
  );
}

/** A mitigation stage of these people, less the requester and the beneficiary; null when nobody is left. */
export function mitigationStageOf(
  mitigatorIds: readonly string[],
  subject: { requesterId: string; beneficiaryId: string },
): TStageDraft | null {
  const ids = mitigatorIds.filter((id) => id !== subject.requesterId && id !== subject.beneficiaryId);
  if (ids.length === 0) return null;
  return {
    position: 0,
    name: 'Segregation of duties: mitigating control',
    mode: 'ANY',
    required: 1,
    approvers: ids.map((id) => ({ identityId: id, reason: 'SOD_MITIGATOR' })),
    slaHours: null,
    reminderHours: null,
    teamIds: [],
    kind: 'SOD_MITIGATION',
  };
}
