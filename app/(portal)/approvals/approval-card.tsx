'use client';

import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { Badge, RiskBadge, StateBadge } from '../../_components/ui/badge.tsx';
import { Card } from '../../_components/ui/card.tsx';
import { requestNumber } from '@/server/shared/request-number.ts';
import { justificationQuestion } from '@/server/shared/justification-question.ts';
import { formatDate, formatRelative } from '../../_components/ui/format.ts';
import { DayText, SentenceText } from '../../_components/ui/day-text.tsx';
import { ApprovalInsight } from './approval-insight.tsx';
import { ChainProgress } from './chain-progress.tsx';
import { DecisionForm, type TCardDecision } from './decision-form.tsx';

const SOD_STYLE = {
  BLOCKED: 'border-red-200 bg-red-50 text-red-800',
  NEEDS_MITIGATION: 'border-amber-200 bg-amber-50 text-amber-900',
  MITIGATED: 'border-sky-200 bg-sky-50 text-sky-900',
} as const;
const SOD_LABEL = {
  BLOCKED: 'Blocked by segregation of duties',
  NEEDS_MITIGATION: 'Needs a mitigating control',
  MITIGATED: 'Mitigated',
} as const;

export const approvalTitle = (step: TApprovalItem) =>
  `${(step.request.entitlement ?? step.request.role)?.name} for ${step.request.beneficiary.displayName}`;

/**
 * One request to decide, or (read-only) one the actor decided. The card does not send: it hands its
 * decision to the inbox, which holds it for the undo window; while held, the card says so.
 */
export function ApprovalCard({
  step,
  held,
  selected,
  onSelect,
  onDecide,
}: {
  step: TApprovalItem;
  /** The decision waiting in the undo window, if any. */
  held?: 'APPROVE' | 'DENY' | null;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
  onDecide?: (decision: TCardDecision, label: string) => void;
}) {
  const r = step.request;
  const item = r.entitlement ?? r.role;
  const title = approvalTitle(step);
  const currentEnd = r.approvedEndsAt ?? r.requestedEndsAt;

  if (held) {
    return (
      <Card as="li" className="p-4 opacity-70">
        <article aria-label={title} className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
          <StateBadge state={held === 'APPROVE' ? 'APPROVED' : 'DENIED'} />
          <span className="min-w-0 text-slate-700 [overflow-wrap:anywhere]">
            {title}: sending in a few seconds; you can still undo.
          </span>
        </article>
      </Card>
    );
  }

  return (
    <Card as="li" className="min-w-0 p-4 sm:p-5">
      <article aria-label={title} className="min-w-0">
        {step.onBehalfOf ? (
          <p className="mb-3 rounded-md bg-brand-50 px-3 py-1.5 text-sm text-brand-800">
            You are standing in for {step.onBehalfOf.displayName} while they are away.
          </p>
        ) : null}
        {step.reason === 'ESCALATION' ? (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
            Escalated to you: the approver did not decide in time. Either of you may decide.
          </p>
        ) : null}
        <div className="flex items-start gap-3">
          {onSelect ? (
            <input
              type="checkbox"
              checked={!!selected}
              onChange={(e) => onSelect(e.target.checked)}
              aria-label={`Select ${title}`}
              className="mt-1.5 size-4 shrink-0 rounded border-slate-300"
            />
          ) : null}
          <div className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 [overflow-wrap:anywhere]">
              <p className="text-sm text-slate-500">
                {r.beneficiary.displayName}
                {r.beneficiary.title ? ` · ${r.beneficiary.title}` : ''}
                {r.beneficiary.department ? `, ${r.beneficiary.department}` : ''}
              </p>
              <h2 className="text-lg font-semibold text-slate-900">
                {r.kind === 'EXTEND' ? 'Extend ' : ''}
                {item?.name}
              </h2>
              <p className="text-sm text-slate-500">
                {r.entitlement?.application.name ?? 'Business role'} ·{' '}
                <span className="font-mono">{requestNumber(r.id)}</span>
              </p>
            </div>
            <div className="flex items-center gap-2">
              {r.kind === 'EXTEND' ? <Badge tone="blue">Extension</Badge> : null}
              {item ? <RiskBadge risk={item.risk} /> : null}
            </div>
          </div>
        </div>
        <p className="mt-2 text-sm text-slate-600 [overflow-wrap:anywhere]">{item?.description}</p>
        <p id={`why-${r.id}`} className="mt-3 text-xs font-medium text-slate-500">
          {justificationQuestion(r.beneficiary.displayName)}
        </p>
        <blockquote
          aria-labelledby={`why-${r.id}`}
          className="mt-1 rounded-md border-l-4 border-brand-600/50 bg-slate-50 px-3 py-2 text-sm text-slate-800 [overflow-wrap:anywhere]"
        >
          “{r.justification}”
          <footer className="mt-1 text-xs text-slate-500">
            — {r.requester.displayName}, {formatRelative(r.createdAt)}
            {r.requester.id !== r.beneficiary.id ? ` on behalf of ${r.beneficiary.displayName}` : ''}
          </footer>
        </blockquote>
        {r.viaAgent ? (
          <p className="mt-2 text-sm text-slate-700">
            <Badge tone="blue">AI agent</Badge> Requested by an AI agent on behalf of{' '}
            {r.requester.displayName}
          </p>
        ) : null}
        <p className="mt-2 text-sm text-slate-600">
          <SentenceText
            text={`${
              r.kind === 'EXTEND'
                ? `Now until ${formatDate(r.currentEndsAt)}; asks until ${formatDate(currentEnd)}`
                : currentEnd
                  ? `Until ${formatDate(currentEnd)}`
                  : 'No end date'
            }${step.stage.dueAt ? ` · decide by ${formatDate(step.stage.dueAt)}` : ''}`}
          />
        </p>
        <ApprovalInsight request={r} />
        <ChainProgress chain={r.chain} current={step.stage.position} />
        {r.sod.map((c) => (
          <div
            key={c.ruleId}
            role="note"
            className={`mt-3 rounded-md border px-3 py-2 text-sm [overflow-wrap:anywhere] ${SOD_STYLE[c.status]}`}
          >
            <p className="font-medium">{SOD_LABEL[c.status]}</p>
            <p className="mt-0.5">{c.explanation}</p>
          </div>
        ))}
        {step.status !== 'PENDING' ? (
          <p className="mt-4 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <StateBadge state={step.status} /> You decided on <DayText at={step.decidedAt} />
            {step.comment ? (
              <span className="min-w-0 [overflow-wrap:anywhere]">: “{step.comment}”</span>
            ) : null}
          </p>
        ) : onDecide ? (
          <DecisionForm
            step={step}
            onDecide={(decision) =>
              onDecide(decision, `${decision.decision === 'APPROVE' ? 'Approved' : 'Denied'} ${title}`)
            }
          />
        ) : null}
      </article>
    </Card>
  );
}
