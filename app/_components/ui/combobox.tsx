'use client';

import { useId, useState } from 'react';

export const comboboxInputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-500 focus:border-brand-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-400';

export type TComboboxOption = { id: string; label: string; detail?: string | null };

/**
 * A searchable picker (the ARIA combobox pattern): shows the chosen option's label; typing asks the
 * caller for options (`onSearch`, it fetches them); arrow keys and Enter pick; the clear button
 * empties it. The caller holds the value and the options, this holds only what the keyboard does.
 */
export function Combobox({
  value,
  onChange,
  options,
  searching,
  searched,
  onSearch,
  disabled,
  placeholder,
  clearLabel = 'Clear',
  nothingFound = 'Nothing matches',
  id,
  'aria-label': ariaLabel,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
}: {
  value: { id: string; label: string } | null;
  onChange: (option: TComboboxOption | null) => void;
  options: TComboboxOption[];
  /** A search is under way / has answered (for the "Searching…" and "nothing matches" lines). */
  searching: boolean;
  searched: boolean;
  /** Called with what was typed, and with whether the list is open (search only then). */
  onSearch: (query: string, open: boolean) => void;
  disabled?: boolean;
  placeholder?: string;
  clearLabel?: string;
  nothingFound?: string;
  id?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const show = (next: boolean, q = query) => {
    setOpen(next);
    onSearch(q, next);
  };
  const pick = (o: TComboboxOption) => {
    onChange(o);
    setQuery('');
    show(false, '');
  };
  const optionId = (i: number) => `${listId}-opt-${i}`;

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-label={ariaLabel}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        autoComplete="off"
        disabled={disabled}
        placeholder={value ? value.label : placeholder}
        value={open ? query : (value?.label ?? '')}
        onFocus={() => {
          setActive(0);
          show(true);
        }}
        onBlur={() => show(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          show(true, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && open && options[active]) pick(options[active]);
          else if (e.key === 'Escape') show(false);
          else return;
          e.preventDefault();
        }}
        className={`${comboboxInputClass} ${value && !disabled ? 'pr-9' : ''}`}
      />
      {value && !disabled ? (
        <button
          type="button"
          onClick={() => onChange(null)}
          aria-label={`${clearLabel} (${value.label})`}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 print:hidden"
        >
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </button>
      ) : null}
      {open ? (
        <ul id={listId} role="listbox" className="absolute z-30 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
          {options.map((o, i) => (
            <li
              key={o.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-1.5 break-words ${i === active ? 'bg-brand-50 text-brand-800' : 'text-slate-800'}`}
            >
              <span className="font-medium">{o.label}</span>
              {o.detail ? <span className="block text-xs text-slate-500">{o.detail}</span> : null}
            </li>
          ))}
          {searched && !searching && options.length === 0 ? (
            <li className="px-3 py-1.5 text-slate-500">
              {nothingFound}
              {query ? ` “${query}”` : ''}
            </li>
          ) : null}
          {searching ? <li className="px-3 py-1.5 text-slate-500">Searching…</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
