import { computeStageOutcome, type TStepState } from '@/server/modules/approvals/index.ts';

type TPerson = { id: string; displayName: string; username: string };

export type TEvidenceStep = {
  id: string;
  status: TStepState;
  reason: string;
  comment: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  escalatedAt: Date | null;
  escalatedFromId: string | null;
  approver: TPerson;
  decidedBy: TPerson | null;
};

export type TEvidenceStage = {
  position: number;
  name: string;
  kind: string;
  mode: 'ANY' | 'ALL' | 'QUORUM';
  quorum: number;
  status: string;
  slaHours: number | null;
  dueAt: Date | null;
  decidedAt: Date | null;
  steps: TEvidenceStep[];
};

export type TEvidenceDelegation = {
  id: string;
  delegatorId: string;
  delegate: TPerson;
  startsAt: Date;
  endsAt: Date;
  revokedAt: Date | null;
};

const WHY: Record<string, string> = {
  MANAGER: 'manager',
  ENTITLEMENT_OWNER: 'owner of the access',
  APPLICATION_OWNER: 'owner of the application',
  TEAM: 'member of the approving team',
  PERSON: 'named in the policy',
  ESCALATION: 'escalation: the approver’s manager',
  FALLBACK_ADMIN: 'identity team: nobody else could decide',
  SELF_REROUTE: 'higher up the management chain: the usual approver is the requester or the beneficiary',
  SOD_MITIGATOR: 'may record a mitigating control',
};

/** Why a person was asked, in words (the stored reason when it is one this code does not know). */
export const approverReason = (reason: string) => WHY[reason] ?? reason.toLowerCase().replaceAll('_', ' ');

const overlaps = (d: TEvidenceDelegation, from: Date, to: Date) =>
  d.startsAt < to && d.endsAt > from && (!d.revokedAt || d.revokedAt > from);

/**
 * A request's approval chain stage by stage, as evidence: who was asked and why, who stood in for
 * them (a delegation in force while the step was open) or took over (an escalation), and each
 * decision with its time and comment. `now` ends the open steps' time.
 */
export function describeApprovalChain(
  stages: readonly TEvidenceStage[],
  delegations: readonly TEvidenceDelegation[],
  now: Date,
) {
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const byId = new Map(stage.steps.map((s) => [s.id, s]));
      const progress = computeStageOutcome(stage, stage.steps);
      return {
        position: stage.position,
        name: stage.name,
        kind: stage.kind,
        mode: stage.mode,
        required: progress.required,
        approvals: progress.approvals,
        seats: progress.seats,
        status: stage.status,
        slaHours: stage.slaHours,
        dueAt: stage.dueAt,
        decidedAt: stage.decidedAt,
        steps: [...stage.steps]
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map((s) => {
            const openUntil = s.decidedAt ?? now;
            const mine = delegations.filter((d) => d.delegatorId === s.approver.id);
            const standIn =
              s.decidedBy && s.decidedBy.id !== s.approver.id && s.decidedAt
                ? (mine.find(
                    (d) =>
                      d.delegate.id === s.decidedBy!.id &&
                      d.startsAt <= s.decidedAt! &&
                      d.endsAt > s.decidedAt!,
                  ) ?? null)
                : null;
            return {
              id: s.id,
              approver: s.approver,
              reason: s.reason,
              why: approverReason(s.reason),
              status: s.status,
              assignedAt: s.createdAt,
              decidedAt: s.decidedAt,
              decidedBy: s.decidedBy,
              comment: s.comment,
              escalatedAt: s.escalatedAt,
              escalatedFrom: s.escalatedFromId ? (byId.get(s.escalatedFromId)?.approver ?? null) : null,
              standIn: standIn
                ? { delegationId: standIn.id, startsAt: standIn.startsAt, endsAt: standIn.endsAt }
                : null,
              delegations: mine
                .filter((d) => overlaps(d, s.createdAt, openUntil))
                .map((d) => ({
                  id: d.id,
                  delegate: d.delegate,
                  startsAt: d.startsAt,
                  endsAt: d.endsAt,
                  revokedAt: d.revokedAt,
                })),
            };
          }),
      };
    });
}

export type TEvidenceChain = ReturnType<typeof describeApprovalChain>;
