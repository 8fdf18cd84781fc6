import { Badge } from '../../../_components/ui/badge.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { SentenceText } from '../../../_components/ui/day-text.tsx';
import { STATUS_LABEL } from '../_components/labels.ts';
import type { TPersonHeader } from '../_components/types.ts';

/** Who the person is, and the accounts Gatehouse keeps for them now (accounts keep no history of their own). */
export function PersonCard({ person }: { person: TPersonHeader }) {
  const facts: Array<[string, React.ReactNode]> = [
    ['Username', person.username],
    ['Email', person.email],
    ['Title and department', [person.title, person.department].filter(Boolean).join(', ') || '—'],
    ['Manager', person.manager?.displayName ?? '—'],
    [
      'Dates',
      `${person.startDate ? `from ${formatDate(person.startDate)}` : ''}${person.endDate ? ` until ${formatDate(person.endDate)}` : ''}` ||
        '—',
    ],
  ];
  if (person.terminatedAt) facts.push(['Left', formatDate(person.terminatedAt)]);
  return (
    <Card className="mb-6 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold break-words text-slate-900">{person.displayName}</h2>
        <Badge tone={person.status === 'ACTIVE' ? 'green' : person.status === 'TERMINATED' ? 'red' : 'amber'}>
          {STATUS_LABEL[person.status]}
        </Badge>
      </div>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {facts.map(([k, v]) => (
          <div key={k} className="min-w-0">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="break-words text-slate-800">
              {typeof v === 'string' ? <SentenceText text={v} /> : v}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-sm font-semibold text-slate-700">Accounts now</h3>
      {person.accounts.length === 0 ? (
        <p className="text-sm text-slate-500">No accounts.</p>
      ) : (
        <ul className="mt-1 grid gap-1 text-sm">
          {person.accounts.map((a) => (
            <li key={a.id} className="min-w-0 break-words">
              <span className="font-medium text-slate-800">{a.application.name}</span>: {a.username}
              {a.nativeId ? (
                <code className="ml-1 font-mono text-xs break-all text-slate-500">{a.nativeId}</code>
              ) : null}{' '}
              {a.status !== 'ACTIVE' ? (
                <Badge tone="gray">{a.status === 'DISABLED' ? 'Disabled' : 'Deleted'}</Badge>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
