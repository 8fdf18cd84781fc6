import type { TMyRequest } from '@/server/trpc/routers/requests/list-my-requests.schema.ts';
import { formatDateTime } from '../../_components/ui/format.ts';

const DOT: Record<string, string> = {
  submitted: 'bg-slate-400',
  approved: 'bg-emerald-500',
  denied: 'bg-red-500',
  cancelled: 'bg-slate-400',
  expired: 'bg-slate-400',
  provisioning: 'bg-sky-500',
  retrying: 'bg-amber-500',
  provisioned: 'bg-emerald-500',
  failed: 'bg-red-500',
  ended: 'bg-slate-500',
};

export function Timeline({ events }: { events: TMyRequest['timeline'] }) {
  return (
    <ol className="mt-3 space-y-3 border-l border-slate-200 pl-4">
      {events.map((e, i) => (
        <li key={i} className="relative text-sm">
          <span
            className={`absolute top-1.5 -left-[21px] size-2.5 rounded-full ring-2 ring-white ${DOT[e.kind] ?? 'bg-slate-400'}`}
            aria-hidden
          />
          <p className="font-medium text-slate-800">
            {e.title}
            {e.actor ? <span className="font-normal text-slate-600"> by {e.actor}</span> : null}
          </p>
          {e.detail ? <p className="text-slate-600">{e.detail}</p> : null}
          <p className="text-xs text-slate-500">{formatDateTime(e.at)}</p>
        </li>
      ))}
    </ol>
  );
}
