import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { ROLE_RISK_SELECT, roleRisk } from '@/server/lib/role-risk-query.ts';
import { describeAutoApproval, ZAutoApprovalCondition } from '@/server/modules/approvals/index.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { accessEnded, requestTimeline } from '@/server/modules/requests/index.ts';
import { describeApprovalChain } from './request-evidence-chain.ts';
import { loadRequestProvisioning } from './request-evidence-provisioning.ts';
import { loadRequestSodEvidence } from './request-evidence-sod.ts';

const PERSON = { select: { id: true, displayName: true, username: true } } as const;
const PERSON_DETAIL = {
  select: { id: true, displayName: true, username: true, title: true, department: true, status: true },
} as const;

/**
 * Everything an auditor needs to show how one request was decided and carried out, in one document:
 * the batch it was submitted in, who asked for whom and why, the dates asked for and approved, the
 * approval chain stage by stage (who was asked, stand-ins, escalations, each decision with its time
 * and comment, or the auto-approval rule), the segregation-of-duties checks and the mitigating
 * controls, what provisioning did in each target (with the target's id or its error), and the grant
 * that resulted and where it stands now.
 */
export async function getRequestEvidence(db: TDb, input: { id: string }, deps: { now?: Date } = {}) {
  const now = deps.now ?? new Date();
  const request = await db.accessRequest.findUnique({
    where: { id: input.id },
    select: {
      id: true,
      batchId: true,
      kind: true,
      status: true,
      justification: true,
      requestedEndsAt: true,
      approvedEndsAt: true,
      createdAt: true,
      decidedAt: true,
      autoApprovedBy: true,
      sodEvaluation: true,
      grantId: true,
      requester: PERSON_DETAIL,
      beneficiary: PERSON_DETAIL,
      entitlement: {
        select: {
          id: true,
          name: true,
          externalId: true,
          risk: true,
          application: { select: { id: true, name: true } },
        },
      },
      role: { select: { id: true, name: true, ...ROLE_RISK_SELECT } },
      stages: {
        select: {
          position: true,
          name: true,
          kind: true,
          mode: true,
          quorum: true,
          status: true,
          slaHours: true,
          dueAt: true,
          decidedAt: true,
          steps: {
            select: {
              id: true,
              status: true,
              reason: true,
              comment: true,
              createdAt: true,
              decidedAt: true,
              escalatedAt: true,
              escalatedFromId: true,
              approver: PERSON,
              decidedBy: PERSON,
            },
          },
        },
      },
    },
  });
  if (!request) throw new AppError('NOT_FOUND', 'No such request');

  const approverIds = [...new Set(request.stages.flatMap((s) => s.steps.map((x) => x.approver.id)))];
  const [batch, delegations, rule, grant, provisioning, sod] = await Promise.all([
    db.accessRequest.findMany({
      where: { batchId: request.batchId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        status: true,
        entitlement: { select: { name: true, application: { select: { name: true } } } },
        role: { select: { name: true } },
      },
    }),
    approverIds.length
      ? db.delegation.findMany({
          where: { delegatorId: { in: approverIds } },
          select: {
            id: true,
            delegatorId: true,
            startsAt: true,
            endsAt: true,
            revokedAt: true,
            delegate: PERSON,
          },
        })
      : Promise.resolve([]),
    request.autoApprovedBy
      ? db.autoApprovalRule.findUnique({
          where: { id: request.autoApprovedBy },
          select: { id: true, name: true, description: true, condition: true },
        })
      : Promise.resolve(null),
    request.grantId
      ? db.grant.findUnique({
          where: { id: request.grantId },
          select: {
            id: true,
            status: true,
            source: true,
            startsAt: true,
            endsAt: true,
            endedAt: true,
            revokedAt: true,
            revokeReason: true,
            revokedById: true,
            grantedBy: PERSON,
          },
        })
      : Promise.resolve(null),
    loadRequestProvisioning(db, request.id),
    loadRequestSodEvidence(db, request, now),
  ]);
  const revokedBy = grant?.revokedById
    ? await db.identity.findUnique({ where: { id: grant.revokedById }, select: PERSON.select })
    : null;
  const chain = describeApprovalChain(request.stages, delegations, now);
  const condition = rule ? ZAutoApprovalCondition.safeParse(rule.condition) : null;
  const steps = request.stages.flatMap((s) => s.steps.map((x) => ({ ...x, stage: { name: s.name } })));
  const { sodEvaluation: _stored, stages: _stages, autoApprovedBy, entitlement, role, ...rest } = request;

  return {
    generatedAt: now,
    request: {
      ...rest,
      number: requestNumber(request.id),
      item: entitlement
        ? {
            kind: 'ENTITLEMENT' as const,
            name: entitlement.name,
            risk: entitlement.risk,
            applicationName: entitlement.application.name,
            targetId: entitlement.externalId,
          }
        : {
            kind: 'ROLE' as const,
            name: role?.name ?? '',
            // As it is approved: its own level or its riskiest entitlement's.
            risk: role ? roleRisk(role) : ('LOW' as const),
            applicationName: null,
            targetId: null,
          },
    },
    batch: batch.map((b) => ({
      id: b.id,
      number: requestNumber(b.id),
      status: b.status,
      itemName: b.entitlement?.name ?? b.role?.name ?? '',
      applicationName: b.entitlement?.application.name ?? null,
      isThis: b.id === request.id,
    })),
    autoApproval: autoApprovedBy
      ? {
          ruleName: rule?.name ?? 'An auto-approval rule since deleted',
          description: rule?.description ?? '',
          condition: condition?.success ? describeAutoApproval(condition.data) : null,
        }
      : null,
    chain,
    sod,
    provisioning: provisioning.operations,
    grant: grant ? { ...grant, revokedBy: revokedBy ?? null } : null,
    timeline: requestTimeline(
      { ...request, steps },
      {
        stageCount: request.stages.length,
        autoRuleName: autoApprovedBy ? (rule?.name ?? 'auto-approval') : null,
        ops: provisioning.timelineOps,
        ended: accessEnded(grant, revokedBy?.displayName ?? null),
      },
    ),
  };
}

export type TRequestEvidence = Awaited<ReturnType<typeof getRequestEvidence>>;
