'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Card, Notice } from '../../_components/ui/card.tsx';
import { requestNumber } from '@/server/shared/request-number.ts';
import { formatDate, formatRelative } from '../../_components/ui/format.ts';
import { ChainProgress } from './chain-progress.tsx';
import { dayFromNow, endOfLocalDay, localDay } from '@/app/_components/ui/days.ts';


const SOD_STYLE = {
  BLOCKED: 'border-red-200 bg-red-50 text-red-800',
  NEEDS_MITIGATION: 'border-amber-200 bg-amber-50 text-amber-900',
  MITIGATED: 'border-sky-200 bg-sky-50 text-sky-900',
} as const;
const SOD_LABEL = { BLOCKED: 'Blocked by segregation of duties', NEEDS_MITIGATION: 'Needs a mitigating control', MITIGATED: 'Mitigated' } as const;

export function ApprovalCard({ step }: { step: TApprovalItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { comment: useId(), until: useId(), control: useId(), controlUntil: useId() };
  const [comment, setComment] = useState('');
  const [until, setUntil] = useState('');
  const [control, setControl] = useState('');
  const [controlUntil, setControlUntil] = useState(() => dayFromNow(90));
  const [tomorrow] = useState(() => dayFromNow(1));
  const decide = useMutation(
    trpc.approvals.decide.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.approvals.listMine.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
      },
    }),
  );
  const r = step.request;
  const item = r.entitlement ?? r.role;
  const currentEnd = r.approvedEndsAt ?? r.requestedEndsAt;
  const needsMitigation = r.sod.some((c) => c.status === 'NEEDS_MITIGATION');
  const isMitigationStage = step.stage.kind === 'SOD_MITIGATION';
  const showMitigation = needsMitigation && step.canMitigate;
  const send = (decision: 'APPROVE' | 'DENY') =>
    decide.mutate({
      stepId: step.id,
      decision,
      comment: comment || undefined,
      approvedEndsAt: decision === 'APPROVE' && until ? endOfLocalDay(until) : undefined,
      mitigation: decision === 'APPROVE' && showMitigation && control.trim() ? { control: control.trim(), expiresAt: endOfLocalDay(controlUntil) } : undefined,
    });

  return (
    <Card as="li" className="p-5">
      <article aria-label={`${item?.name} for ${r.beneficiary.displayName}`}>
        {step.onBehalfOf ? (
          <p className="mb-3 rounded-md bg-brand-50 px-3 py-1.5 text-sm text-brand-800">You are standing in for {step.onBehalfOf.displayName} while they are away.</p>
        ) : null}
        {step.reason === 'ESCALATION' ? (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-900">Escalated to you: the approver did not decide in time. Either of you may decide.</p>
        ) : null}
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
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
              {r.entitlement?.application.name ?? 'Business role'} · <span className="font-mono">{requestNumber(r.id)}</span>
            </p>
          </div>
          <div className="flex items-center gap-2">
            {r.kind === 'EXTEND' ? <Badge tone="blue">Extension</Badge> : null}
            {item ? <RiskBadge risk={item.risk} /> : null}
          </div>
        </div>
        <p className="mt-2 text-sm text-slate-600">{item?.description}</p>
        <blockquote className="mt-3 rounded-md border-l-4 border-brand-600/50 bg-slate-50 px-3 py-2 text-sm text-slate-800">
          “{r.justification}”
          <footer className="mt-1 text-xs text-slate-500">
            — {r.requester.displayName}, {formatRelative(r.createdAt)}
            {r.requester.id !== r.beneficiary.id ? ` on behalf of ${r.beneficiary.displayName}` : ''}
          </footer>
        </blockquote>
        <p className="mt-2 text-sm text-slate-600">
          {r.kind === 'EXTEND' ? `Now until ${formatDate(r.currentEndsAt)}; asks until ${formatDate(currentEnd)}` : currentEnd ? `Until ${formatDate(currentEnd)}` : 'No end date'}
          {step.stage.dueAt ? ` · decide by ${formatDate(step.stage.dueAt)}` : ''}
        </p>
        <ChainProgress chain={r.chain} current={step.stage.position} />
        {r.sod.map((c) => (
          <div key={c.ruleId} role="note" className={`mt-3 rounded-md border px-3 py-2 text-sm ${SOD_STYLE[c.status]}`}>
            <p className="font-medium">{SOD_LABEL[c.status]}</p>
            <p className="mt-0.5">{c.explanation}</p>
          </div>
        ))}
        {showMitigation ? (
          <fieldset className="mt-4 rounded-md border border-amber-200 p-3">
            <legend className="px-1 text-sm font-medium text-slate-800">Mitigating control{isMitigationStage ? <span className="text-red-600"> *</span> : ' (optional here)'}</legend>
            <label htmlFor={ids.control} className="block text-sm text-slate-700">
              What compensates for the conflict
            </label>
            <textarea
              id={ids.control}
              rows={2}
              value={control}
              onChange={(e) => setControl(e.target.value)}
              maxLength={1000}
              placeholder="e.g. Finance reviews every payroll change of this person monthly."
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <label htmlFor={ids.controlUntil} className="mt-2 block text-sm text-slate-700">
              Control expires
            </label>
            <input id={ids.controlUntil} type="date" value={controlUntil} min={tomorrow} onChange={(e) => setControlUntil(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm" />
            <p className="mt-1 text-xs text-slate-500">When it expires, the conflict is raised again.</p>
          </fieldset>
        ) : null}
        <div className="mt-4 grid gap-3 sm:grid-cols-[1fr_12rem]">
          <div>
            <label htmlFor={ids.comment} className="block text-sm font-medium text-slate-700">
              Comment <span className="font-normal text-slate-500">(optional, the requester sees it)</span>
            </label>
            <input id={ids.comment} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <div>
            <label htmlFor={ids.until} className="block text-sm font-medium text-slate-700">
              Shorten to <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input
              id={ids.until}
              type="date"
              value={until}
              min={tomorrow}
              max={currentEnd ? localDay(currentEnd) : undefined}
              onChange={(e) => setUntil(e.target.value)}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </div>
        </div>
        {decide.error ? (
          <div className="mt-3">
            <Notice tone="error">{errorMessage(decide.error)}</Notice>
          </div>
        ) : null}
        <div className="mt-4 flex gap-2">
          <Button disabled={decide.isPending || (isMitigationStage && showMitigation && !control.trim())} onClick={() => send('APPROVE')}>
            {showMitigation && control.trim() ? 'Approve with this control' : 'Approve'}
          </Button>
          <Button variant="danger" disabled={decide.isPending} onClick={() => send('DENY')}>
            Deny
          </Button>
        </div>
      </article>
    </Card>
  );
}
