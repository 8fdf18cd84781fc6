import Link from 'next/link';
import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { StateBadge } from '../../_components/ui/badge.tsx';
import { Card } from '../../_components/ui/card.tsx';
import { DayText } from '../../_components/ui/day-text.tsx';
import { approvalTitle } from './approval-card.tsx';

/** What the actor decided, newest first; each row opens its request (chain, context, the decision). */
export function DecidedList({ steps }: { steps: TApprovalItem[] }) {
  return (
    <ul className="space-y-3" aria-label="Decided requests">
      {steps.map((step) => (
        <Card as="li" key={step.id} className="min-w-0">
          <Link
            href={`/approvals?status=DECIDED&request=${step.request.id}`}
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg p-4 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <span className="min-w-0 text-sm [overflow-wrap:anywhere]">
              <span className="block font-medium text-slate-900">{approvalTitle(step)}</span>
              <span className="block text-slate-500">
                Decided <DayText at={step.decidedAt} />
                {step.comment ? ` · “${step.comment}”` : ''}
              </span>
            </span>
            <StateBadge state={step.status} />
          </Link>
        </Card>
      ))}
    </ul>
  );
}
