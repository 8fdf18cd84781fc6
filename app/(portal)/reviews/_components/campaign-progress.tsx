import { Card } from '../../../_components/ui/card.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { SentenceText } from '../../../_components/ui/day-text.tsx';
import type { TMyCampaign } from './types.ts';

const DAY = 86_400_000;

function dueWords(c: TMyCampaign, now: Date) {
  if (c.status === 'CLOSED') return `Closed (was due ${formatDate(c.dueAt)})`;
  const days = Math.ceil((c.dueAt.getTime() - now.getTime()) / DAY);
  if (days < 0) return `Overdue since ${formatDate(c.dueAt)}`;
  return `Due ${formatDate(c.dueAt)}${days <= 7 ? ` (${days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`})` : ''}`;
}

/** The campaigns as tabs: each with the reader's "done of total" and the due date; "All" sums them. */
export function CampaignTabs({
  campaigns,
  current,
  onChoose,
  now,
}: {
  campaigns: TMyCampaign[];
  current: string | undefined;
  onChoose: (id: string | null) => void;
  now: Date;
}) {
  const tab = (id: string | null, label: string, detail: string, done: number, total: number) => {
    const active = (current ?? null) === id;
    return (
      <button
        key={id ?? 'all'}
        type="button"
        aria-pressed={active}
        onClick={() => onChoose(id)}
        className={`min-w-0 rounded-lg px-3 py-2 text-left text-sm ring-1 ring-inset ${active ? 'bg-brand-50 text-brand-800 ring-brand-200' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
      >
        <span className="block font-medium break-words">{label}</span>
        <span className="block text-xs text-slate-600">
          {done} of {total} done · <SentenceText text={detail} />
        </span>
      </button>
    );
  };
  const sum = (k: 'done' | 'total') => campaigns.reduce((n, c) => n + c.mine[k], 0);
  return (
    <div role="group" aria-label="Campaigns" className="mb-4 flex flex-wrap gap-2 print:hidden">
      {campaigns.length > 1
        ? tab(null, 'All campaigns', `${campaigns.length} campaigns`, sum('done'), sum('total'))
        : null}
      {campaigns.map((c) => tab(c.id, c.name, dueWords(c, now), c.mine.done, c.mine.total))}
    </div>
  );
}

/** How far the reader is ("34 of 120 done"), with a bar, the campaign's own progress and its due date. */
export function ProgressCard({ campaigns, now }: { campaigns: TMyCampaign[]; now: Date }) {
  const done = campaigns.reduce((n, c) => n + c.mine.done, 0);
  const total = campaigns.reduce((n, c) => n + c.mine.total, 0);
  const one = campaigns.length === 1 ? campaigns[0] : undefined;
  const percent = total ? Math.round((done / total) * 100) : 100;
  return (
    <Card className="mb-4 p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-lg font-semibold text-slate-900" aria-live="polite" data-testid="review-progress">
          {done} of {total} done
        </p>
        {one ? (
          <p className="text-sm text-slate-600">
            <SentenceText text={dueWords(one, now)} />
          </p>
        ) : null}
      </div>
      <div
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Your reviews done"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      {one ? (
        <p className="mt-2 text-xs text-slate-500">
          The whole campaign: {one.overall.done} of {one.overall.total} done by all its reviewers.
        </p>
      ) : null}
    </Card>
  );
}
