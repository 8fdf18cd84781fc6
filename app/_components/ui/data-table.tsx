'use client';

import {
  type ColumnDef,
  type RowData,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type RowSelectionState,
  type SortingFn,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useId, useState } from 'react';
import { Button } from './button.tsx';
import { inputClass } from './field.tsx';
import { compareCells, matchesQuery } from './table-logic.ts';
import { totalText, type TListTotal } from './format.ts';
import { selectionColumn, TablePager } from './data-table-parts.tsx';

export type { ColumnDef } from '@tanstack/react-table';
export type { RowSelectionState } from '@tanstack/react-table';

// The stacked layout's classes (stackOnPhone): every one applies below `sm` only, so a laptop keeps the table.
const STACKED = {
  table: 'max-sm:block max-sm:min-w-0',
  head: 'max-sm:sr-only',
  body: 'max-sm:block',
  row: 'max-sm:block max-sm:px-3 max-sm:py-2.5',
  cell: 'max-sm:block max-sm:px-0 max-sm:py-0.5 max-sm:text-left',
  labelledCell:
    'max-sm:grid max-sm:grid-cols-[minmax(0,7rem)_minmax(0,1fr)] max-sm:gap-x-3 max-sm:px-0 max-sm:py-0.5 max-sm:text-left',
  label: 'pt-px text-xs font-medium text-slate-500 sm:hidden',
};
// Stacked, each element also says what it is: display:block on a table's elements is widely reported to
// drop their table semantics (WebKit, so VoiceOver on the phones this layout is for), and the cells' visible
// column names are aria-hidden. Explicit roles keep the table, its rows and each cell's column header for a
// screen reader whatever CSS does. Laptop-only tables have no roles: the elements' own are the same.
const STACKED_ROLES = {
  table: 'table',
  rowgroup: 'rowgroup',
  row: 'row',
  columnheader: 'columnheader',
  rowheader: 'rowheader',
  cell: 'cell',
} as const;
// stackOnPhone="figures": a row of counts keeps its figures side by side, three to a line, each under its
// column's name (the provisioning overview's queue cards look the same), instead of one to a line.
const STACKED_FIGURES: typeof STACKED = {
  ...STACKED,
  row: 'max-sm:grid max-sm:grid-cols-3 max-sm:gap-2 max-sm:px-3 max-sm:py-3',
  cell: 'max-sm:col-span-3 max-sm:p-0 max-sm:text-left',
  labelledCell:
    'max-sm:flex max-sm:flex-col max-sm:rounded-md max-sm:bg-slate-50 max-sm:px-2 max-sm:py-1.5 max-sm:text-left',
};

// What a column may say about its cells (`meta` of a ColumnDef): numbers align right; the column that
// names the row (an application's name in a table of its counts) is a row header for screen readers; a
// column of moments or days (noWrap) keeps each on one line, since "6 Dec 2026, 11:15 UTC" over three
// lines reads as three values: the table scrolls inside its frame instead.
declare module '@tanstack/react-table' {
  // The type parameters must match @tanstack's own declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    align?: 'right';
    rowHeader?: boolean;
    noWrap?: boolean;
  }
}

/**
 * A table over rows the page already has (@tanstack/react-table). Each part is opt-in, so a caller
 * that passes none renders a plain table:
 * - sorting: a column with `enableSorting: true` gets a header button and `aria-sort`; text sorts as
 *   people read it, empty cells last (table-logic.ts);
 * - `search`: a box above the table that keeps the rows with every typed word in some cell;
 * - `pageSize`: pages the loaded rows with Previous/Next. A long server-paged report uses `more`
 *   ("Show more") instead; the table never holds more than was asked for;
 * - `selection`: a checkbox per row and "select all" (of the rows shown), held by the caller;
 * - `stale`: the rows are the previous answer while a new one (another search) loads: they stay in place,
 *   dimmed and marked busy, instead of a spinner replacing the table on every keystroke.
 * - `stackOnPhone`: below the `sm` width each row is a block, its first column as the row's title and
 *   every other cell under its column's name, instead of a table scrolled inside its frame. For tables of
 *   words (people, grants, runs) whose columns squeezed into a phone wrap a word a line; a table of
 *   figures reads better as a table, or as `"figures"`: the row's name over its counts three to a line.
 *   Only the layout changes: explicit ARIA roles keep it the same table to a screen reader.
 * On a narrow screen the table scrolls inside its frame instead of widening the page; long text wraps.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty = 'Nothing to show.',
  more,
  search,
  pageSize,
  selection,
  stale = false,
  stackOnPhone = false,
}: {
  /** Names the table for screen readers (visually hidden). */
  caption: string;
  // The column value types differ per column: any is what @tanstack's own examples use here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty?: React.ReactNode;
  more?: { hasMore: boolean; loading: boolean; onLoadMore: () => void; total?: number | TListTotal | null };
  search?: { label: string; placeholder?: string };
  pageSize?: number;
  selection?: {
    selected: RowSelectionState;
    onChange: (next: RowSelectionState) => void;
    rowLabel: (row: Row) => string;
  };
  stale?: boolean;
  stackOnPhone?: boolean | 'figures';
}) {
  const stacked = stackOnPhone === 'figures' ? STACKED_FIGURES : stackOnPhone ? STACKED : null;
  const roles = stacked ? STACKED_ROLES : null;
  const searchId = useId();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [query, setQuery] = useState('');
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: pageSize ?? 0 });
  // @tanstack inverts a sorting function's answer for a descending column; pre-inverting the
  // descending comparison keeps empty cells last both ways.
  const byCell: SortingFn<Row> = (a, b, id) => {
    const descending = sorting.find((s) => s.id === id)?.desc ?? false;
    const order = compareCells(a.getValue(id), b.getValue(id), descending);
    return descending ? -order : order;
  };
  // The table object is rebuilt each render by design; the React Compiler leaves this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: selection ? [selectionColumn<Row>(selection.rowLabel), ...columns] : columns,
    state: {
      sorting,
      globalFilter: query,
      ...(pageSize ? { pagination } : {}),
      ...(selection ? { rowSelection: selection.selected } : {}),
    },
    onSortingChange: setSorting,
    onGlobalFilterChange: (next: string) => setQuery(next),
    onPaginationChange: setPagination,
    onRowSelectionChange: (updater) =>
      selection?.onChange(typeof updater === 'function' ? updater(selection.selected) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    ...(pageSize ? { getPaginationRowModel: getPaginationRowModel(), autoResetPageIndex: true } : {}),
    globalFilterFn: (row, _id, value: string) =>
      matchesQuery(
        row.getAllCells().map((c) => c.getValue()),
        value,
      ),
    getRowId: (row) => rowKey(row),
    enableSorting: false,
    enableRowSelection: Boolean(selection),
    defaultColumn: { sortingFn: byCell },
  });
  const shown = table.getRowModel().rows;
  const filtered = table.getFilteredRowModel().rows.length;
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs print:border-0 print:shadow-none">
      {search ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 print:hidden">
          <label htmlFor={searchId} className="sr-only">
            {search.label}
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => table.setGlobalFilter(e.target.value)}
            placeholder={search.placeholder ?? 'Search…'}
            className={`${inputClass} max-w-xs`}
          />
          {query ? (
            <span className="text-sm text-slate-600" role="status">
              {filtered.toLocaleString('en')} of {rows.length.toLocaleString('en')}
            </span>
          ) : null}
        </div>
      ) : null}
      {/* relative: a visually hidden header (an actions column) is placed inside the scrolling frame, not out to the page's right */}
      <div className="relative overflow-x-auto">
        <table
          role={roles?.table}
          aria-busy={stale || undefined}
          className={`w-full min-w-[36rem] text-left text-sm transition-opacity ${stale ? 'opacity-60' : ''} ${rows.length ? '' : 'max-sm:min-w-0'} ${stacked?.table ?? ''}`}
        >
          <caption className="sr-only">{caption}</caption>
          {/* The columns' least width makes a phone scroll the rows in their frame; with no rows the header
              would only be cut off beside the message that there are none, so a phone shows the message. */}
          <thead
            role={roles?.rowgroup}
            className={`border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase ${rows.length ? '' : 'max-sm:hidden'} ${stacked?.head ?? ''}`}
          >
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} role={roles?.row}>
                {group.headers.map((header) => {
                  const canSort = header.column.getCanSort();
                  const sorted = header.column.getIsSorted();
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      role={roles?.columnheader}
                      className={`px-3 py-2 align-bottom ${header.column.columnDef.meta?.align === 'right' ? 'text-right' : ''}`}
                      aria-sort={
                        sorted === 'asc'
                          ? 'ascending'
                          : sorted === 'desc'
                            ? 'descending'
                            : canSort
                              ? 'none'
                              : undefined
                      }
                    >
                      {canSort ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                        >
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
          <tbody role={roles?.rowgroup} className={`divide-y divide-slate-100 ${stacked?.body ?? ''}`}>
            {shown.map((row) => (
              <tr
                key={row.id}
                role={roles?.row}
                aria-selected={selection ? row.getIsSelected() : undefined}
                className={`align-top hover:bg-slate-50/60 aria-selected:bg-brand-50/60 ${stacked?.row ?? ''}`}
              >
                {row.getVisibleCells().map((c, i) => {
                  const meta = c.column.columnDef.meta;
                  const Cell = meta?.rowHeader ? 'th' : 'td';
                  const content = flexRender(c.column.columnDef.cell, c.getContext());
                  // Stacked, the first column (after a selection checkbox) is the row's title and a cell
                  // whose column has no written name (actions) stands alone; every other one is labelled.
                  const lead = i === (selection ? 1 : 0);
                  const label =
                    typeof c.column.columnDef.header === 'string' ? c.column.columnDef.header : '';
                  const labelled = stacked !== null && !lead && label !== '';
                  return (
                    <Cell
                      key={c.id}
                      scope={meta?.rowHeader ? 'row' : undefined}
                      role={meta?.rowHeader ? roles?.rowheader : roles?.cell}
                      className={`px-3 py-2 text-slate-800 ${meta?.noWrap ? 'whitespace-nowrap' : 'break-words [overflow-wrap:anywhere]'} ${meta?.align === 'right' ? 'text-right tabular-nums' : ''} ${meta?.rowHeader ? 'text-left font-medium' : ''} ${stacked ? (labelled ? stacked.labelledCell : stacked.cell) : ''}`}
                    >
                      {labelled ? (
                        <>
                          {/* The column's name, seen only when stacked; a screen reader has the column header (the roles above). */}
                          <span aria-hidden className={stacked?.label}>
                            {label}
                          </span>
                          <div className="min-w-0">{content}</div>
                        </>
                      ) : (
                        content
                      )}
                    </Cell>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="px-3 py-6 text-center text-sm text-slate-500">{empty}</p> : null}
      {rows.length > 0 && filtered === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-slate-500">Nothing matches “{query}”.</p>
      ) : null}
      {pageSize && table.getPageCount() > 1 ? <TablePager table={table} /> : null}
      {/* With no rows the empty message says it all: "0 shown of 0" under it said nothing more. */}
      {more && rows.length > 0 && (more.hasMore || more.total != null) ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-sm text-slate-600 print:hidden">
          <span>
            {rows.length.toLocaleString('en')} shown
            {more.total != null
              ? ` of ${typeof more.total === 'number' ? more.total.toLocaleString('en') : totalText(more.total)}`
              : ''}
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
