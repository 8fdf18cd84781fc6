import type { TRequestEvidenceView } from '@/server/trpc/routers/request-reports/get-request-evidence.schema.ts';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { SentenceText } from '../../../../_components/ui/day-text.tsx';

type TStage = TRequestEvidenceView['chain'][number];
type TStep = TStage['steps'][number];

const STAGE_STATE: Record<string, { label: string; tone: 'green' | 'red' | 'amber' | 'gray' }> = {
  APPROVED: { label: 'Approved', tone: 'green' },
  DENIED: { label: 'Denied', tone: 'red' },
  PENDING: { label: 'Waiting', tone: 'amber' },
  WAITING: { label: 'Not reached', tone: 'gray' },
  SKIPPED: { label: 'Not needed', tone: 'gray' },
  CANCELLED: { label: 'Cancelled', tone: 'gray' },
};

const STEP_STATE: Record<string, string> = {
  APPROVED: 'Approved',
  DENIED: 'Denied',
  PENDING: 'Not decided',
  SKIPPED: 'Not needed (the stage was decided)',
  CANCELLED: 'Cancelled',
};

const rule = (s: TStage) =>
  s.mode === 'ANY'
    ? 'any one approver decides'
    : s.mode === 'ALL'
      ? 'every approver must approve'
      : `${s.required} of ${s.seats} approvals needed`;

/** The approval chain stage by stage: who was asked and why, stand-ins, escalations, and each decision. */
export function EvidenceChain({ chain }: { chain: TRequestEvidenceView['chain'] }) {
  return (
    <ol className="space-y-4" aria-label="Approval stages">
      {chain.map((stage) => {
        const state = STAGE_STATE[stage.status] ?? STAGE_STATE.WAITING!;
        return (
          <li
            key={stage.position}
            className="rounded-lg border border-slate-200 bg-white p-4 print:border-slate-400"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold text-slate-900">
                {stage.position + 1}. {stage.name}
                {stage.kind === 'SOD_MITIGATION' ? (
                  <span className="font-normal text-slate-500">
                    {' '}
                    (added for a segregation-of-duties conflict)
                  </span>
                ) : null}
              </h3>
              <Badge tone={state.tone}>{state.label}</Badge>
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {rule(stage)} · {stage.approvals} approval{stage.approvals === 1 ? '' : 's'}
              {stage.slaHours ? ` · escalates after ${stage.slaHours} h` : ''}
              {stage.decidedAt ? <SentenceText text={` · decided ${formatInstant(stage.decidedAt)}`} /> : ''}
            </p>
            <ul className="mt-3 divide-y divide-slate-100" aria-label={`Approvers of ${stage.name}`}>
              {stage.steps.map((step) => (
                <EvidenceStep key={step.id} step={step} />
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

function EvidenceStep({ step }: { step: TStep }) {
  const byOther = step.decidedBy && step.decidedBy.id !== step.approver.id;
  return (
    <li className="py-2 text-sm" data-approver={step.approver.username}>
      <p className="text-slate-900">
        <span className="font-medium">{step.approver.displayName}</span>{' '}
        <span className="text-slate-500">({step.why})</span>
        <span className="text-slate-500">
          <SentenceText text={` · asked ${formatInstant(step.assignedAt)}`} />
        </span>
      </p>
      {step.escalatedFrom ? (
        <p className="text-slate-600">
          Took over from {step.escalatedFrom.displayName}, who had not decided in time or could no longer act.
        </p>
      ) : null}
      <p
        className={
          step.status === 'APPROVED'
            ? 'text-emerald-800'
            : step.status === 'DENIED'
              ? 'text-red-700'
              : 'text-slate-600'
        }
      >
        <SentenceText
          text={`${STEP_STATE[step.status] ?? step.status}${
            step.decidedAt && (step.status === 'APPROVED' || step.status === 'DENIED')
              ? ` ${formatInstant(step.decidedAt)}`
              : ''
          }${
            byOther
              ? ` by ${step.decidedBy!.displayName}${step.standIn ? `, standing in under a delegation (${formatInstant(step.standIn.startsAt)} to ${formatInstant(step.standIn.endsAt)})` : ''}`
              : ''
          }`}
        />
      </p>
      {step.comment ? (
        <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 break-words text-slate-700">
          “{step.comment}”
        </blockquote>
      ) : null}
      {step.escalatedAt ? (
        <p className="text-xs text-amber-800">
          <SentenceText text={`Escalated ${formatInstant(step.escalatedAt)}`} />
        </p>
      ) : null}
      {step.delegations.length ? (
        <p className="text-xs text-slate-500">
          Stand-ins while it was open:{' '}
          <SentenceText
            text={step.delegations
              .map(
                (d) =>
                  `${d.delegate.displayName} (${formatInstant(d.startsAt)} to ${formatInstant(d.endsAt)}${d.revokedAt ? `, withdrawn ${formatInstant(d.revokedAt)}` : ''})`,
              )
              .join('; ')}
          />
        </p>
      ) : null}
    </li>
  );
}
