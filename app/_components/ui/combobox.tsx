'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import { ComboBox as AriaComboBox, Input, ListBox, ListBoxItem, Popover } from 'react-aria-components';

export const comboboxInputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-500 focus:border-brand-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-400';

export type TComboboxOption = { id: string; label: string; detail?: string | null };

/**
 * A searchable picker (React Aria's ComboBox): shows the chosen option's label; focus opens the
 * list and typing asks the caller for options (`onSearch`, it fetches them); arrow keys and Enter
 * pick, Escape closes; the clear button empties it. The caller holds the value and the options,
 * this holds only what is being typed. Its label is the caller's (a Field's `<label for>`).
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
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  // The caller searches for what is typed while the list is open (and stops when it closes).
  const report = useEffectEvent(() => onSearch(open ? query : '', open));
  useEffect(() => report(), [query, open]);
  return (
    <AriaComboBox
      id={id}
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      isInvalid={invalid}
      isDisabled={disabled}
      items={options}
      // The list shows what the caller found for the words typed; it filters nothing itself.
      defaultFilter={() => true}
      menuTrigger="focus"
      allowsEmptyCollection
      // While the list is open the field shows what is typed; closed, the chosen option.
      inputValue={open ? query : (value?.label ?? '')}
      onInputChange={(next) => {
        // Closing puts the chosen option's label (or nothing) back in the field: that is no search.
        if (!open && (next === '' || next === value?.label)) return;
        setQuery(next);
      }}
      selectedKey={value?.id ?? null}
      onSelectionChange={(key) => {
        const picked = options.find((o) => o.id === key);
        if (picked) onChange(picked);
      }}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setQuery('');
      }}
      className="relative"
    >
      <Input placeholder={value ? value.label : placeholder} className={`${comboboxInputClass} ${value && !disabled ? 'pr-9' : ''}`} />
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
      <Popover placement="bottom start" className="max-h-64 w-[var(--trigger-width)] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
        <ListBox<TComboboxOption>
          className="outline-none"
          renderEmptyState={() => <p className="px-3 py-1.5 text-slate-500">{searching ? 'Searching…' : searched ? `${nothingFound}${query ? ` “${query}”` : ''}` : null}</p>}
        >
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.label} className="cursor-pointer px-3 py-1.5 break-words text-slate-800 outline-none data-[focused]:bg-brand-50 data-[focused]:text-brand-800">
              <span className="font-medium">{o.label}</span>
              {o.detail ? <span className="block text-xs text-slate-500">{o.detail}</span> : null}
            </ListBoxItem>
          )}
        </ListBox>
        {searching && options.length > 0 ? <p className="px-3 py-1.5 text-slate-500">Searching…</p> : null}
      </Popover>
    </AriaComboBox>
  );
}
