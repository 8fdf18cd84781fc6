'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { inputClass } from './field.tsx';

export type TPerson = { id: string; displayName: string };

/**
 * A combobox over the staff directory (people.search). Shows the chosen person's name; typing
 * searches; arrow keys and Enter pick; the clear button empties it.
 */
export function PeoplePicker({
  value,
  onChange,
  disabled,
  placeholder = 'Search people by name…',
  clearLabel = 'Clear',
  id,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
}: {
  value: TPerson | null;
  onChange: (person: TPerson | null) => void;
  disabled?: boolean;
  placeholder?: string;
  clearLabel?: string;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const trpc = useTRPC();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query);
  const results = useQuery({ ...trpc.people.search.queryOptions({ query: deferred, limit: 8 }), enabled: open });
  const people = results.data ?? [];
  const pick = (p: TPerson) => {
    onChange({ id: p.id, displayName: p.displayName });
    setOpen(false);
    setQuery('');
  };
  const optionId = (i: number) => `${listId}-opt-${i}`;

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && people[active] ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        autoComplete="off"
        disabled={disabled}
        placeholder={value ? value.displayName : placeholder}
        value={open ? query : (value?.displayName ?? '')}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, Math.max(people.length - 1, 0)));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && open && people[active]) pick(people[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
        className={`${inputClass} ${value && !disabled ? 'pr-9' : ''}`}
      />
      {value && !disabled ? (
        <button
          type="button"
          onClick={() => onChange(null)}
          aria-label={`${clearLabel} (${value.displayName})`}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        >
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </button>
      ) : null}
      {open ? (
        <ul id={listId} role="listbox" className="absolute z-30 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
          {people.map((p, i) => (
            <li
              key={p.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-brand-50 text-brand-800' : 'text-slate-800'}`}
            >
              <span className="font-medium">{p.displayName}</span>
              {p.title || p.department ? <span className="block text-xs text-slate-500">{[p.title, p.department].filter(Boolean).join(' · ')}</span> : null}
            </li>
          ))}
          {results.isFetched && people.length === 0 ? <li className="px-3 py-1.5 text-slate-500">Nobody matches “{query}”</li> : null}
          {results.isPending ? <li className="px-3 py-1.5 text-slate-500">Searching…</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
