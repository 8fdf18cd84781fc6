'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import { Button, Input, Label, SearchField as AriaSearchField, Text } from 'react-aria-components';
import { inputClass } from './field.tsx';
import { settledSearch } from './search-text.ts';
import { useWideScreen } from './use-wide-screen.ts';

/**
 * A search box (react-aria-components SearchField) that searches once typing settles for a moment,
 * at once on Enter, and for nothing on Escape or its clear button. The page holds what is searched
 * (`value`, often in the address); this holds only what is being typed, and takes the page's value
 * again when that changes from elsewhere (a link, Back, "Clear filters").
 */
export function SearchField({
  label,
  hint,
  value,
  onChange,
  placeholder,
  phonePlaceholder,
  maxLength = 200,
  delay = 300,
  labelHidden = false,
  className = '',
}: {
  label: string;
  hint?: React.ReactNode;
  value: string;
  onChange: (search: string) => void;
  placeholder?: string;
  /**
   * A shorter placeholder below `sm`: where the label is hidden, the placeholder is what says what the
   * box searches, and a laptop's long one is cut off in a phone's box.
   */
  phonePlaceholder?: string;
  maxLength?: number;
  /** Milliseconds typing must pause before it searches. */
  delay?: number;
  /** The label is read by screen readers only (a one-box filter bar whose placeholder says it all). */
  labelHidden?: boolean;
  className?: string;
}) {
  const isWide = useWideScreen();
  const [text, setText] = useState(value);
  const [searched, setSearched] = useState(value);
  if (value !== searched) {
    setSearched(value);
    if (settledSearch(text, value) !== null) setText(value);
  }
  const settle = (next: string) => {
    const search = settledSearch(next, value);
    if (search !== null) onChange(search);
  };
  const settleLater = useEffectEvent(settle);
  useEffect(() => {
    const timer = setTimeout(() => settleLater(text), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  return (
    <AriaSearchField
      value={text}
      onChange={setText}
      onSubmit={settle}
      onClear={() => settle('')}
      maxLength={maxLength}
      className={`group min-w-0 ${className}`}
    >
      <Label className={labelHidden ? 'sr-only' : 'block text-sm font-medium text-slate-700'}>{label}</Label>
      <div className={`relative ${labelHidden ? '' : 'mt-1'}`}>
        <Input
          placeholder={isWide ? placeholder : (phonePlaceholder ?? placeholder)}
          className={`${inputClass} pr-9 [&::-webkit-search-cancel-button]:hidden`}
        />
        <Button className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 group-data-[empty]:hidden print:hidden">
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </Button>
      </div>
      {hint ? (
        <Text slot="description" className="mt-1 block text-xs text-slate-500">
          {hint}
        </Text>
      ) : null}
    </AriaSearchField>
  );
}
