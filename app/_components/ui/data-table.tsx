'use client';

import { type ColumnDef, flexRender, getCoreRowModel, getSortedRowModel, type SortingState, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
import { Button } from './button.tsx';

export type { ColumnDef } from '@tanstack/react-table';

/**
 * A table over rows the page already has (@tanstack/react-table): headings sort the loaded rows when
 * a column allows it (`enableSorting`), a long report loads its next page with "Show more" (the
 * server pages; the table never holds more than what was asked for), and on a narrow screen the table
 * scrolls inside its frame instead of widening the page. Long text wraps.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty = 'Nothing to show.',
  more,
}: {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  // The column value types differ per column: any is what @tanstack's own examples use here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty?: React.ReactNode;
  more?: { hasMore: boolean; loading: boolean; onLoadMore: () => void; total?: number | null };
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // The table object is rebuilt each render by design; the React Compiler leaves this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => rowKey(row),
    enableSorting: false,
  });
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs print:border-0 print:shadow-none">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th key={header.id} scope="col" className="px-3 py-2 align-bottom" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                          {label}
                          <span aria-hidden>{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="align-top hover:bg-slate-50/60">
                {row.getVisibleCells().map((c) => (
                  <td key={c.id} className="px-3 py-2 break-words text-slate-800 [overflow-wrap:anywhere]">
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="px-3 py-6 text-center text-sm text-slate-500">{empty}</p> : null}
      {more && (more.hasMore || more.total != null) ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-sm text-slate-600 print:hidden">
          <span>
            {rows.length.toLocaleString('en')} shown{more.total != null ? ` of ${more.total.toLocaleString('en')}` : ''}
          </span>
          {more.hasMore ? (
            <Button variant="secondary" size="sm" onClick={more.onLoadMore} disabled={more.loading}>
              {more.loading ? 'Loading…' : 'Show more'}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
