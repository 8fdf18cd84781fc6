'use client';

import type { ColumnDef, Table } from '@tanstack/react-table';
import { useEffect, useRef } from 'react';
import { Button } from './button.tsx';

/** The leading checkbox column of a selectable DataTable; "select all" means the rows shown. */
export function selectionColumn<Row>(rowLabel: (row: Row) => string): ColumnDef<Row, unknown> {
  return {
    id: '_select',
    enableSorting: false,
    header: ({ table }) => (
      <SelectBox
        label="Select all rows shown"
        checked={table.getIsAllRowsSelected()}
        indeterminate={table.getIsSomeRowsSelected()}
        onChange={(checked) => table.toggleAllRowsSelected(checked)}
      />
    ),
    cell: ({ row }) => (
      <SelectBox
        label={`Select ${rowLabel(row.original)}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={(checked) => row.toggleSelected(checked)}
      />
    ),
  };
}

function SelectBox({
  label,
  checked,
  indeterminate = false,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` is a DOM property with no attribute: set it after render.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !checked;
  }, [indeterminate, checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
      className="size-4 accent-brand-600"
    />
  );
}

/** Previous / Next under a client-paged DataTable. */
export function TablePager<Row>({ table }: { table: Table<Row> }) {
  const { pageIndex } = table.getState().pagination;
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-sm text-slate-600 print:hidden"
    >
      <span aria-live="polite">
        Page {pageIndex + 1} of {table.getPageCount()}
      </span>
      <span className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => table.previousPage()}
          disabled={!table.getCanPreviousPage()}
        >
          Previous
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => table.nextPage()}
          disabled={!table.getCanNextPage()}
        >
          Next
        </Button>
      </span>
    </nav>
  );
}
