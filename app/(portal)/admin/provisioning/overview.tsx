import Link from 'next/link';
import type { z } from 'zod';
import type { ZOverview } from '@/server/trpc/routers/provisioning/provisioning.schema.ts';
import { Badge } from '../../../_components/ui/badge.tsx';

type TOverview = z.infer<typeof ZOverview>;

export function formatAge(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d`;
}

const Num = ({ n, tone }: { n: number; tone?: 'red' | 'amber' | 'blue' }) => (
  <span className={`tabular-nums ${n === 0 ? 'text-slate-500' : tone === 'red' ? 'font-semibold text-red-700' : tone === 'amber' ? 'font-medium text-amber-700' : tone === 'blue' ? 'font-medium text-sky-700' : 'text-slate-900'}`}>{n}</span>
);

export function OverviewTable({ applications }: { applications: TOverview['applications'] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full min-w-[50rem] text-sm">
        <caption className="sr-only">Operations per application</caption>
        <thead className="border-b border-slate-100 bg-slate-50/60 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2 text-left">Application</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Queued</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Running</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Retrying</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Waiting</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Failed</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Done (1 h)</th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">Per min</th>
            <th scope="col" className="px-4 py-2 text-right whitespace-nowrap">Oldest queued</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {applications.map((a) => (
            <tr key={a.id} data-application={a.name}>
              <th scope="row" className="px-4 py-2.5 text-left font-medium">
                <Link href={`/admin/applications/${a.id}?tab=operations`} className="text-slate-900 hover:text-brand-700 hover:underline">
                  {a.name}
                </Link>
                <span className="ml-2 inline-flex gap-1 align-middle">
                  {!a.enabled ? <Badge tone="gray">Disabled</Badge> : null}
                  <span className="text-xs font-normal text-slate-500">
                    {a.connectorType.toLowerCase()} · {a.concurrency} at once
                  </span>
                </span>
              </th>
              <td className="px-3 py-2.5 text-right">
                <Num n={a.pending} />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Num n={a.running} tone="blue" />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Num n={a.retrying} tone="amber" />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Num n={a.waiting} />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Num n={a.failed} tone="red" />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Num n={a.doneLastHour} />
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums text-slate-700">{a.perMinute}</td>
              <td className="px-4 py-2.5 text-right whitespace-nowrap text-slate-700">{formatAge(a.oldestPendingSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const QUEUE_LABEL: Record<string, { title: string; hint: string }> = {
  'provisioning.apply': { title: 'Apply queue', hint: 'One job per operation, in order per account.' },
  'provisioning.dead': { title: 'Dead-letter queue', hint: 'Permanent errors and exhausted retries, with the target’s message.' },
};

export function QueueCards({ queues }: { queues: TOverview['queues'] }) {
  if (queues.length === 0) return <p className="text-sm text-slate-500">The queues cannot be read right now.</p>;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {queues.map((q) => {
        const label = QUEUE_LABEL[q.name] ?? { title: q.name, hint: '' };
        const dead = q.name.endsWith('.dead');
        return (
          <section key={q.name} aria-label={`${label.title} (${q.name})`} className={`rounded-lg border bg-white p-4 shadow-xs ${dead && q.queued > 0 ? 'border-red-200' : 'border-slate-200'}`}>
            <h3 className="font-semibold text-slate-900">
              {label.title} <code className="ml-1 font-mono text-xs font-normal text-slate-500">{q.name}</code>
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
                  <dd className={`text-lg font-semibold tabular-nums ${n > 0 && (dead || name === 'Failed') ? 'text-red-700' : 'text-slate-900'}`}>{n}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
