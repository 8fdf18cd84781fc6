import type { TDb } from '@/server/db/client.ts';
import { roleRisk, ROLE_RISK_SELECT } from '@/server/lib/role-risk-query.ts';
import { fromStoredSodCheck } from '@/server/modules/sod/index.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { approvalLink } from '@/server/modules/approvals/index.ts';
import type { TApprovalCard, TSlackMessageKind } from './slack-blocks.ts';

const NOTE: Record<TSlackMessageKind, string | null> = {
  'approval.assigned': null,
  'approval.reminder': 'This request is still waiting for your decision.',
  'approval.escalated': 'Escalated to you: the approver did not decide in time or can no longer act.',
};

/** The facts of one approval step as the Slack message shows them to one recipient (the approver or a stand-in). */
export async function loadApprovalCard(
  db: TDb,
  input: { stepId: string; recipientId: string; kind: TSlackMessageKind },
  deps: { portalUrl: string },
): Promise<TApprovalCard | null> {
  const step = await db.approvalStep.findUnique({
    where: { id: input.stepId },
    select: {
      id: true,
      approverId: true,
      approver: { select: { displayName: true } },
      stage: { select: { name: true } },
      request: {
        select: {
          id: true,
          kind: true,
          justification: true,
          sodEvaluation: true,
          requester: { select: { displayName: true } },
          beneficiary: { select: { displayName: true } },
          entitlement: { select: { name: true, risk: true, application: { select: { name: true } } } },
          role: { select: { name: true, ...ROLE_RISK_SELECT } },
        },
      },
    },
  });
  if (!step) return null;
  const r = step.request;
  const item = r.entitlement?.name ?? r.role?.name ?? 'access';
  const sod = fromStoredSodCheck(r.sodEvaluation);
  return {
    stepId: step.id,
    requestNumber: requestNumber(r.id),
    kind: input.kind,
    beneficiaryName: r.beneficiary.displayName,
    requesterName: r.requester.displayName,
    itemName: r.kind === 'EXTEND' ? `an extension of ${item}` : item,
    applicationName: r.entitlement?.application.name ?? null,
    risk: r.entitlement?.risk ?? (r.role ? roleRisk(r.role) : 'LOW'),
    justification: r.justification,
    stageName: step.stage.name,
    sodNote:
      sod && sod.conflicts.length
        ? sod.conflicts.map((c) => `${c.ruleName}: ${c.explanation}`).join('\n')
        : null,
    standingInFor: step.approverId === input.recipientId ? null : step.approver.displayName,
    note: NOTE[input.kind],
    link: new URL(approvalLink(r.id), deps.portalUrl).toString(),
  };
}
