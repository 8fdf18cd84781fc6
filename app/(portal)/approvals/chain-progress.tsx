import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';

type TStage = TApprovalItem['request']['chain'][number];

const STATUS: Record<string, { dot: string; label: string }> = {
  APPROVED: { dot: 'bg-emerald-500', label: 'approved' },
  DENIED: { dot: 'bg-red-500', label: 'denied' },
  PENDING: { dot: 'bg-amber-500', label: 'now' },
  WAITING: { dot: 'bg-slate-300', label: 'next' },
  SKIPPED: { dot: 'bg-slate-300', label: 'not needed' },
  CANCELLED: { dot: 'bg-slate-300', label: 'cancelled' },
};

/** The request's chain, stage by stage: who, how many approvals are needed, and how many there are. */
export function ChainProgress({ chain, current }: { chain: TStage[]; current: number }) {
  return (
    <ol aria-label="Approval chain" className="mt-3 space-y-1.5 text-sm">
      {chain.map((s) => {
        const st = STATUS[s.status] ?? STATUS.WAITING!;
        const people = s.approvers.filter((a) => a.status !== 'SKIPPED' || s.status !== 'PENDING');
        return (
          <li
            key={s.position}
            className={`flex flex-wrap items-baseline gap-x-2 ${s.position === current ? 'font-medium text-slate-900' : 'text-slate-600'}`}
          >
            <span
              className={`inline-block size-2 shrink-0 translate-y-[-1px] rounded-full ${st.dot}`}
              aria-hidden
            />
            <span>{s.name}</span>
            <span className="text-xs font-normal text-slate-500">{progressLabel(s, st.label)}</span>
            <span className="basis-full pl-4 text-xs font-normal text-slate-500">
              {people
                .map(
                  (a) =>
                    `${a.reason === 'ESCALATION' ? '↑ ' : ''}${a.displayName}${a.status === 'APPROVED' ? ' ✓' : a.status === 'DENIED' ? ' ✗' : ''}${a.decidedBy && a.decidedBy !== a.displayName ? ` (by ${a.decidedBy})` : ''}${a.reason === 'ESCALATION' ? ' (escalation)' : ''}`,
                )
                .join(', ')}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** "1 of 2 approvals (any 2 of 3)" for a quorum, "now (any one)" for a group, "approved" once done. */
function progressLabel(s: TStage, label: string): string {
  const { approvals, required, seats } = s.progress;
  if (required > 1) {
    const of = seats > required ? ` (any ${required} of ${seats})` : '';
    return s.status === 'PENDING' ? `${approvals} of ${required} approvals${of}` : `${label}${of}`;
  }
  return s.status === 'PENDING' && seats > 1 ? `${label} (any one)` : label;
}
