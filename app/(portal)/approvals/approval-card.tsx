'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { RiskBadge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Card, Notice } from '../../_components/ui/card.tsx';
import { formatDate, formatRelative } from '../../_components/ui/format.ts';

export function ApprovalCard({ step }: { step: TApprovalItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState('');
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
  return (
    <Card as="li" className="p-5">
      <article aria-label={`${item?.name} for ${r.beneficiary.displayName}`}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="text-sm text-slate-500">
              {r.beneficiary.displayName}
              {r.beneficiary.title ? ` · ${r.beneficiary.title}` : ''}
              {r.beneficiary.department ? `, ${r.beneficiary.department}` : ''}
            </p>
            <h2 className="text-lg font-semibold text-slate-900">{item?.name}</h2>
            <p className="text-sm text-slate-500">{r.entitlement?.application.name ?? 'Business role'}</p>
          </div>
          {item ? <RiskBadge risk={item.risk} /> : null}
        </div>
        <p className="mt-2 text-sm text-slate-600">{item?.description}</p>
        <blockquote className="mt-3 rounded-md border-l-4 border-brand-600/50 bg-slate-50 px-3 py-2 text-sm text-slate-800">
          “{r.justification}”
          <footer className="mt-1 text-xs text-slate-500">
            — {r.requester.displayName}, {formatRelative(r.createdAt)}
            {r.requester.id !== r.beneficiary.id ? ` on behalf of ${r.beneficiary.displayName}` : ''}
          </footer>
        </blockquote>
        <p className="mt-2 text-sm text-slate-600">{r.requestedEndsAt ? `Until ${formatDate(r.requestedEndsAt)}` : 'No end date'}</p>
        <div className="mt-4">
          <label htmlFor={commentId} className="block text-sm font-medium text-slate-700">
            Comment <span className="font-normal text-slate-500">(optional, the requester sees it)</span>
          </label>
          <input
            id={commentId}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        {decide.error ? (
          <div className="mt-3">
            <Notice tone="error">{errorMessage(decide.error)}</Notice>
          </div>
        ) : null}
        <div className="mt-4 flex gap-2">
          <Button disabled={decide.isPending} onClick={() => decide.mutate({ stepId: step.id, decision: 'APPROVE', comment: comment || undefined })}>
            Approve
          </Button>
          <Button variant="danger" disabled={decide.isPending} onClick={() => decide.mutate({ stepId: step.id, decision: 'DENY', comment: comment || undefined })}>
            Deny
          </Button>
        </div>
      </article>
    </Card>
  );
}
