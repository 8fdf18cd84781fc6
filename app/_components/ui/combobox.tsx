'use client';

import { useRef, useState } from 'react';
import { Button, ComboBox, Input, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import {
  chosenLabel,
  comboboxItems,
  comboboxQuery,
  comboboxStatus,
  textOnRevert,
  type TComboboxOption,
} from './combobox-logic.ts';

export type { TComboboxOption } from './combobox-logic.ts';

export const comboboxInputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-500 focus:border-brand-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-400';

/**
 * A searchable picker on react-aria-components' ComboBox (the ARIA combobox pattern: arrow keys move
 * through the options, Enter picks, Escape closes and restores the chosen name, screen readers hear
 * the option in focus). The page holds the chosen option and fetches the options for what is typed
 * (`onSearch`); the chosen option stays in the list (docs/decisions/073). This component holds the
 * typed text, not the library, which would put the chosen name back whenever its list closes, also
 * when the page scrolls under an open list while the person types (textOnRevert); a pick's name
 * replaces the typed words in the same render as the pick, so the library does not read it as typing
 * (073, later). The clear button empties it.
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
  const [search, setSearch] = useState({ query: '', open: false });
  const input = useRef<HTMLInputElement>(null);
  const items = comboboxItems(value, options);
  // The chosen option as the list last had it (kept while rendering, as `shown` below): its name outlives
  // a search that no longer finds it (chosenLabel).
  const [lastListed, setLastListed] = useState<TComboboxOption | null>(null);
  const listed = value ? options.find((o) => o.id === value.id) : undefined;
  if (listed && (listed.id !== lastListed?.id || listed.label !== lastListed.label)) setLastListed(listed);
  const chosen = chosenLabel(value, options, lastListed);
  const [text, setText] = useState(chosen);
  // State adjusted while rendering, as React advises for state that follows a prop (no frame shows the
  // old text): a new choice (a pick, the clear button, the page) shows its name; the same choice's
  // name, once known, replaces the one shown unless the person is typing in the field.
  const [shown, setShown] = useState({ id: value?.id ?? null, label: chosen });
  const [focused, setFocused] = useState(false);
  if (shown.id !== (value?.id ?? null) || shown.label !== chosen) {
    if (shown.id !== (value?.id ?? null) || (text === shown.label && !focused)) setText(chosen);
    setShown({ id: value?.id ?? null, label: chosen });
  }
  // Set before the library's own key handling sees the key (capture): Escape asks for the chosen name back.
  const escaping = useRef(false);
  // The latest text and open state, not this render's: focus (which opens the list) and text can
  // arrive in one task (a fill, a paste into the unfocused field, autofill), and the second callback
  // would otherwise undo the first with the render's stale copy (the text searched as '' or unopened).
  const latest = useRef(search);
  const tell = (change: Partial<{ query: string; open: boolean }>) => {
    const next = { ...latest.current, ...change };
    latest.current = next;
    setSearch(next);
    onSearch(next.query, next.open);
  };
  const status = comboboxStatus({
    searching,
    searched,
    found: options.length,
    query: search.query,
    nothingFound,
  });

  return (
    <ComboBox
      id={id}
      aria-label={ariaLabel}
      aria-describedby={describedBy}
      isInvalid={invalid}
      isDisabled={disabled}
      items={items}
      selectedKey={value?.id ?? null}
      inputValue={text}
      onSelectionChange={(key) => {
        if (key !== (value?.id ?? null)) {
          const picked = key == null ? null : (items.find((o) => o.id === key) ?? null);
          // Named from the list as soon as the page takes it, whatever the next search finds.
          if (picked) setLastListed(picked);
          onChange(picked);
          return;
        }
        // The same key: the library's list closed and it asks for the field to show the choice again.
        const stillTyping = !escaping.current && document.activeElement === input.current;
        escaping.current = false;
        const next = textOnRevert({ chosen: value && { label: chosen }, typed: text, stillTyping });
        if (next !== text) {
          setText(next);
          tell({ query: comboboxQuery(value, next) });
        }
      }}
      onInputChange={(typed) => {
        setText(typed);
        escaping.current = false;
        // Emptying the field empties the choice (the library does this itself only for text it holds).
        if (typed === '' && value) onChange(null);
        tell({ query: comboboxQuery(value, typed) });
      }}
      onOpenChange={(open) => tell({ open })}
      menuTrigger="focus"
      allowsEmptyCollection
      className="relative"
    >
      <Input
        ref={input}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDownCapture={(e) => {
          escaping.current = e.key === 'Escape';
        }}
        placeholder={placeholder}
        className={`${comboboxInputClass} ${value && !disabled ? 'pr-9' : ''}`}
      />
      {value && !disabled ? (
        // Not the library's button (that one opens the list): this one empties the choice.
        <Button
          slot={null}
          onPress={() => onChange(null)}
          aria-label={`${clearLabel} (${value.label})`}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 print:hidden"
        >
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 0 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </Button>
      ) : null}
      <Popover
        placement="bottom start"
        offset={4}
        className="w-(--trigger-width) max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
      >
        <ListBox<TComboboxOption> className="max-h-64 overflow-y-auto outline-none">
          {(o) => (
            <ListBoxItem
              id={o.id}
              textValue={o.label}
              className="cursor-pointer px-3 py-1.5 break-words text-slate-800 outline-none data-[focused]:bg-brand-50 data-[focused]:text-brand-800 data-[selected]:font-semibold"
            >
              <span className="font-medium">{o.label}</span>
              {o.detail ? <span className="block text-xs text-slate-600">{o.detail}</span> : null}
            </ListBoxItem>
          )}
        </ListBox>
        {status ? (
          <p role="status" className="px-3 py-1.5 text-slate-600">
            {status}
          </p>
        ) : null}
      </Popover>
    </ComboBox>
  );
}
