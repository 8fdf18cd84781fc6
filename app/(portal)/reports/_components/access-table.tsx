'use client';

import { Badge, RiskBadge } from '../../../_components/ui/badge.tsx';
import { type ColumnDef, DataTable } from '../../../_components/ui/data-table.tsx';
import { formatDate } from '../../../_components/ui/format.ts';
import { STATUS_LABEL } from './labels.ts';
import type { TAccessRow } from './types.ts';
import { WhyList } from './why.tsx';
import { PersonCell } from './person-cell.tsx';

const since = (r: TAccessRow) =>
  r.why.length ? new Date(Math.min(...r.why.map((w) => w.startsAt.getTime()))) : null;

const person: ColumnDef<TAccessRow> = {
  id: 'person',
  header: 'Person',
  cell: ({ row: { original: r } }) => (
    <PersonCell person={r}>
      {r.identityStatus !== 'ACTIVE' ? (
        <Badge tone={r.identityStatus === 'TERMINATED' ? 'red' : 'amber'}>
          {STATUS_LABEL[r.identityStatus]}
        </Badge>
      ) : null}
    </PersonCell>
  ),
};

const access: ColumnDef<TAccessRow> = {
  id: 'access',
  header: 'Access',
  cell: ({ row: { original: r } }) => (
    <div className="min-w-0">
      <span className="font-medium text-slate-900">{r.entitlementName}</span>
      <span className="block text-xs text-slate-500">{r.applicationName}</span>
      {r.risk !== 'LOW' ? <RiskBadge risk={r.risk} /> : null}
    </div>
  ),
};

const rest: ColumnDef<TAccessRow>[] = [
  {
    id: 'why',
    header: 'Why',
    cell: ({ row: { original: r } }) => (
      <WhyList why={r.why} label={`${r.displayName}, ${r.entitlementName}`} />
    ),
  },
  {
    id: 'since',
    header: 'Since',
    cell: ({ row: { original: r } }) => <span className="whitespace-nowrap">{formatDate(since(r))}</span>,
  },
  {
    id: 'until',
    header: 'Until',
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap">
        {r.until ? formatDate(r.until) : r.why.length ? 'No end date' : '—'}
      </span>
    ),
  },
  {
    id: 'inTarget',
    header: 'In the target',
    cell: ({ row: { original: r } }) =>
      r.inTarget ? (
        <Badge tone="green">Yes</Badge>
      ) : (
        <Badge tone="gray" title="Gatehouse had not seen the target confirm it by then">
          Not confirmed
        </Badge>
      ),
  },
];

/** Who holds what, with why: the who-has, privileged and person pages share these columns (a person's page leaves out the person). */
export function AccessTable({
  rows,
  caption,
  withPerson = true,
  more,
  empty,
}: {
  rows: TAccessRow[];
  caption: string;
  withPerson?: boolean;
  more: { hasMore: boolean; loading: boolean; onLoadMore: () => void };
  empty: React.ReactNode;
}) {
  return (
    <DataTable
      caption={caption}
      stackOnPhone
      columns={withPerson ? [person, access, ...rest] : [access, ...rest]}
      rows={rows}
      rowKey={(r) => `${r.identityId}:${r.entitlementId}`}
      more={more}
      empty={empty}
    />
  );
}
