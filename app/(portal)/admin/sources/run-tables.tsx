'use client';

import Link from 'next/link';
import type { z } from 'zod';
import type { ZReportEntry, ZSourceRunSummary } from '@/server/trpc/routers/sources/sources.schema.ts';
import { Badge } from '../../../_components/ui/badge.tsx';
import { DataTable, type ColumnDef } from '../../../_components/ui/data-table.tsx';
import { formatDateTime } from '../../../_components/ui/format.ts';
import { RunStatusBadge, runSummary, TRIGGER_LABEL } from './source-labels.tsx';

type TRun = z.infer<typeof ZSourceRunSummary>;
type TEntry = z.infer<typeof ZReportEntry> & { key: string };

const runColumns: ColumnDef<TRun, unknown>[] = [
  {
    id: 'started',
    header: 'Started',
    accessorFn: (r) => r.startedAt,
    enableSorting: true,
    cell: ({ row: { original: r } }) => (
      <Link
        href={`/admin/sources/runs/${r.id}`}
        className="font-medium whitespace-nowrap text-brand-700 hover:underline"
      >
        {formatDateTime(r.startedAt)}
      </Link>
    ),
  },
  {
    id: 'trigger',
    header: 'Trigger',
    accessorFn: (r) => `${TRIGGER_LABEL[r.trigger] ?? r.trigger} ${r.fileName ?? ''}`,
    cell: ({ row: { original: r } }) => (
      <span className="text-slate-600">
        {TRIGGER_LABEL[r.trigger] ?? r.trigger}
        {r.fileName ? <span className="block text-xs">{r.fileName}</span> : null}
      </span>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (r) => r.status,
    enableSorting: true,
    cell: ({ row: { original: r } }) => <RunStatusBadge status={r.status} />,
  },
  { id: 'what', header: 'What happened', accessorFn: (r) => r.stats.error ?? runSummary(r.status, r.stats) },
];

/** A source's runs, newest first as the server sends them; each opens its run. */
export function RunsTable({ runs }: { runs: TRun[] }) {
  return (
    <DataTable
      caption="Runs"
      columns={runColumns}
      rows={runs}
      rowKey={(r) => r.id}
      pageSize={25}
      stackOnPhone
    />
  );
}

const severity = (e: TEntry) => (e.code === 'NOT_APPLIED' ? 'Not applied' : e.fatal ? 'Fatal' : 'Warning');

const reportColumns: ColumnDef<TEntry, unknown>[] = [
  {
    id: 'row',
    header: 'Row',
    accessorFn: (e) => e.row,
    enableSorting: true,
    cell: ({ row: { original: e } }) => <span className="font-mono">{e.row || '—'}</span>,
  },
  {
    id: 'field',
    header: 'Field',
    accessorFn: (e) => e.field ?? '',
    enableSorting: true,
    cell: ({ row: { original: e } }) => (
      <span className="font-mono text-xs text-slate-600">{e.field ?? '—'}</span>
    ),
  },
  { id: 'problem', header: 'Problem', accessorFn: (e) => e.message },
  {
    id: 'severity',
    header: 'Severity',
    accessorFn: severity,
    enableSorting: true,
    cell: ({ row: { original: e } }) => (
      <Badge tone={e.code === 'NOT_APPLIED' ? 'gray' : e.fatal ? 'red' : 'amber'}>{severity(e)}</Badge>
    ),
  },
];

/** What a run found wrong, row by row (the server sends the first entries; the page says how many there were). */
export function ValidationReport({ entries }: { entries: z.infer<typeof ZReportEntry>[] }) {
  const rows = entries.map((e, i) => ({ ...e, key: String(i) }));
  return (
    <DataTable
      caption="Validation report"
      stackOnPhone
      columns={reportColumns}
      rows={rows}
      rowKey={(e) => e.key}
      search={{ label: 'Search the report', placeholder: 'Search rows, fields, problems…' }}
      pageSize={50}
    />
  );
}
