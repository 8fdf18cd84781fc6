'use client';

import { Button } from '../../../_components/ui/button.tsx';
import { inputClass } from '@/app/_components/ui/field.tsx';
import { nextRowKey, type TRow } from './draft.ts';

/**
 * Editable name → value rows (ON_DELETE attributes, the attribute mapping). Each input is labelled
 * for screen readers with its row's name; `rowError` puts a server error at its row.
 */
export function KeyValueRows({
  label,
  nameLabel,
  valueLabel,
  rows,
  onChange,
  canManage,
  error,
  rowError,
  emptyText,
  valueClassName = '',
  nameSuggestions,
}: {
  label: string;
  nameLabel: string;
  valueLabel: string;
  rows: TRow[];
  onChange: (rows: TRow[]) => void;
  canManage: boolean;
  error?: string | null;
  rowError?: (name: string) => string | null;
  emptyText: string;
  valueClassName?: string;
  nameSuggestions?: string[];
}) {
  const set = (key: number, patch: Partial<TRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const listId = nameSuggestions ? `${label.replace(/\W+/g, '-').toLowerCase()}-names` : undefined;
  return (
    <div role="group" aria-label={label}>
      <p className="text-sm font-medium text-slate-700">{label}</p>
      {nameSuggestions ? (
        <datalist id={listId}>
          {nameSuggestions.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      ) : null}
      <div
        className="mt-2 hidden grid-cols-[minmax(0,10rem)_minmax(0,1fr)_2.25rem] gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:grid"
        aria-hidden
      >
        <span>{nameLabel}</span>
        <span>{valueLabel}</span>
        <span />
      </div>
      <ul className="mt-1 space-y-3 sm:space-y-2">
        {rows.map((row, i) => {
          const problem = rowError?.(row.name.trim()) ?? null;
          return (
            <li
              key={row.key}
              className="grid gap-1.5 rounded-md border border-slate-200 p-2 sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)_2.25rem] sm:gap-2 sm:border-0 sm:p-0"
            >
              <input
                aria-label={`${nameLabel} ${i + 1}`}
                value={row.name}
                onChange={(e) => set(row.key, { name: e.target.value })}
                placeholder={nameLabel}
                list={listId}
                spellCheck={false}
                className={`${inputClass} font-mono`}
              />
              <input
                aria-label={`${valueLabel} for ${row.name || `${nameLabel.toLowerCase()} ${i + 1}`}`}
                aria-invalid={problem ? true : undefined}
                value={row.value}
                onChange={(e) => set(row.key, { value: e.target.value })}
                placeholder={valueLabel}
                spellCheck={false}
                className={`${inputClass} ${valueClassName}`}
              />
              {canManage ? (
                <button
                  type="button"
                  aria-label={`Remove ${row.name || `row ${i + 1}`}`}
                  title="Remove"
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                  className="inline-flex items-center justify-center gap-1 justify-self-start rounded-md p-2 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 sm:justify-self-auto"
                >
                  <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
                    <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                  </svg>
                  <span className="sm:hidden">Remove</span>
                </button>
              ) : (
                <span />
              )}
              {problem ? <p className="text-xs font-medium text-red-700 sm:col-span-3">{problem}</p> : null}
            </li>
          );
        })}
      </ul>
      {rows.length === 0 ? <p className="mt-1 text-sm text-slate-500">{emptyText}</p> : null}
      {error ? <p className="mt-1 text-xs font-medium text-red-700">{error}</p> : null}
      {canManage ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-3"
          onClick={() => onChange([...rows, { key: nextRowKey(), name: '', value: '' }])}
        >
          <span aria-hidden>+</span> Add {nameLabel.toLowerCase()}
        </Button>
      ) : null}
    </div>
  );
}
