import Link from 'next/link';
import type { z } from 'zod';
import type { ZOverview } from '@/server/trpc/routers/provisioning/provisioning.schema.ts';
import { Badge } from '../../../_components/ui/badge.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { HeldAccessSummary } from '../_components/held-access.tsx';

type TOverview = z.infer<typeof ZOverview>;

export function formatAge(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d`;
}

const Num = ({ n, tone }: { n: number; tone?: 'red' | 'amber' | 'blue' }) => (
  <span
    className={`tabular-nums ${n === 0 ? 'text-slate-500' : tone === 'red' ? 'font-semibold text-red-700' : tone === 'amber' ? 'font-medium text-amber-700' : tone === 'blue' ? 'font-medium text-sky-700' : 'text-slate-900'}`}
  >
    {n}
  </span>
);

type TApplicationRow = TOverview['applications'][number];

const count = (
  id: string,
  header: string,
  n: (a: TApplicationRow) => number,
  tone?: 'red' | 'amber' | 'blue',
): ColumnDef<TApplicationRow> => ({
  id,
  header,
  meta: { align: 'right' },
  cell: ({ row: { original: a } }) => <Num n={n(a)} tone={tone} />,
});

const COLUMNS: ColumnDef<TApplicationRow>[] = [
  {
    id: 'application',
    header: 'Application',
    meta: { rowHeader: true },
    cell: ({ row: { original: a } }) => (
      <>
        <Link
          href={`/admin/applications/${a.id}?tab=operations`}
          className="text-slate-900 hover:text-brand-700 hover:underline"
        >
          {a.name}
        </Link>
        <span className="ml-2 inline-flex gap-1 align-middle">
          {!a.enabled ? <Badge tone="gray">Disabled</Badge> : null}
          <span className="text-xs font-normal text-slate-500">
            {a.connectorType.toLowerCase()} · {a.concurrency} at once
          </span>
        </span>
      </>
    ),
  },
  count('pending', 'Queued', (a) => a.pending),
  count('running', 'Running', (a) => a.running, 'blue'),
  count('retrying', 'Retrying', (a) => a.retrying, 'amber'),
  count('waiting', 'Waiting', (a) => a.waiting),
  count('failed', 'Failed', (a) => a.failed, 'red'),
  // Changes a disabled application holds back are no operations yet: counted apart (people, not operations).
  count('held', 'Held (people)', (a) => a.held.count, 'amber'),
  count('done', 'Done (1 h)', (a) => a.doneLastHour),
  {
    id: 'perMinute',
    header: 'Per min',
    meta: { align: 'right' },
    cell: ({ row: { original: a } }) => a.perMinute,
  },
  {
    id: 'oldest',
    header: 'Oldest queued',
    meta: { align: 'right' },
    cell: ({ row: { original: a } }) => (
      <span className="whitespace-nowrap">{formatAge(a.oldestPendingSeconds)}</span>
    ),
  },
];

export function OverviewTable({ applications }: { applications: TOverview['applications'] }) {
  return (
    <DataTable
      caption="Operations per application"
      columns={COLUMNS}
      rows={applications}
      rowKey={(a) => a.id}
      empty="No applications yet."
      stackOnPhone="figures"
    />
  );
}

/** The disabled applications (and those still applying what they held): who paused them, whose changes wait. */
export function PausedApplications({ applications }: { applications: TOverview['applications'] }) {
  const paused = applications.filter((a) => !a.enabled || a.held.count > 0);
  if (paused.length === 0) return null;
  return (
    <ul aria-label="Paused applications" className="mt-3 grid grid-cols-1 gap-2">
      {paused.map((a) => (
        <li
          key={a.id}
          className="min-w-0 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 break-words"
        >
          <p className="font-medium text-slate-900">{a.name}</p>
          <HeldAccessSummary
            enabled={a.enabled}
            disabledAt={a.disabledAt}
            disabledBy={a.disabledBy}
            held={a.held}
          />
        </li>
      ))}
    </ul>
  );
}

const QUEUE_LABEL: Record<string, { title: string; hint: string }> = {
  'provisioning.apply': { title: 'Apply queue', hint: 'One job per operation, in order per account.' },
};

export function QueueCards({ queues }: { queues: TOverview['queues'] }) {
  if (queues.length === 0)
    return <p className="text-sm text-slate-500">The queues cannot be read right now.</p>;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {queues.map((q) => {
        const label = QUEUE_LABEL[q.name] ?? { title: q.name, hint: '' };
        return (
          <section
            key={q.name}
            aria-label={`${label.title} (${q.name})`}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
          >
            <h3 className="font-semibold text-slate-900">
              {label.title}{' '}
              <code className="ml-1 font-mono text-xs font-normal text-slate-500">{q.name}</code>
            </h3>
            <p className="text-xs text-slate-500">{label.hint}</p>
            <dl className="mt-3 grid grid-cols-4 gap-2 text-center">
              {(
                [
                  ['Queued', q.queued],
                  ['Active', q.active],
                  ['Failed', q.failed],
                  ['Deferred', q.deferred],
                ] as const
              ).map(([name, n]) => (
                <div key={name} className="rounded-md bg-slate-50 px-2 py-1.5">
                  <dt className="text-xs text-slate-500">{name}</dt>
                  <dd
                    className={`text-lg font-semibold tabular-nums ${n > 0 && name === 'Failed' ? 'text-red-700' : 'text-slate-900'}`}
                  >
                    {n}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
