'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
} from 'react-aria-components';
import { fromCalendarDay, hasWholeYear, toCalendarDay } from './days.ts';

/**
 * A day picker (react-aria-components DatePicker): day, month and year as segments a keyboard
 * types into or steps with the arrow keys, and a calendar beside them. The page holds the day as
 * YYYY-MM-DD, as days.ts reads it (an emptied field is ''); `min`/`max` are days too. Written and
 * shown day/month/year as the portal's dates are (en-GB), whatever the browser's language.
 */
export function DateField({
  label,
  value,
  onChange,
  min,
  max,
  hint,
  error,
  required,
  disabled,
  settle,
  className = '',
}: {
  label: React.ReactNode;
  value: string;
  onChange: (day: string) => void;
  min?: string;
  max?: string;
  hint?: React.ReactNode;
  error?: string | null;
  required?: boolean;
  disabled?: boolean;
  /**
   * Milliseconds the day must stay unchanged before the page hears of it. For a day kept in the
   * address (a report's "As of"): each typed segment makes a whole day, and a round trip through the
   * URL between two keystrokes would reset the segment being typed.
   */
  settle?: number;
  className?: string;
}) {
  const [typed, setTyped] = useState(value);
  const [held, setHeld] = useState(value);
  if (value !== held) {
    setHeld(value);
    setTyped(value);
  }
  const handOn = useEffectEvent((day: string) => {
    if (day !== value) onChange(day);
  });
  useEffect(() => {
    // A year still being typed (20 on the way to 2026) is a day of its own: handing it on would send the
    // page to year 20 and, through the round trip, reset the segment mid-year (seen in e2e under load).
    if (settle === undefined || !hasWholeYear(typed)) return;
    const timer = setTimeout(() => handOn(typed), settle);
    return () => clearTimeout(timer);
  }, [typed, settle]);
  const shown = settle === undefined ? value : typed;
  return (
    <I18nProvider locale="en-GB">
      <DatePicker
        value={toCalendarDay(shown)}
        onChange={(date) =>
          settle === undefined ? onChange(fromCalendarDay(date)) : setTyped(fromCalendarDay(date))
        }
        minValue={toCalendarDay(min)}
        maxValue={toCalendarDay(max)}
        isRequired={required}
        isDisabled={disabled}
        isInvalid={error ? true : undefined}
        granularity="day"
        shouldForceLeadingZeros
        className={`group min-w-0 ${className}`}
      >
        <Label className="block text-sm font-medium text-slate-700">
          {label}
          {required ? <span className="text-red-600"> *</span> : null}
        </Label>
        <Group className="mt-1 flex w-full max-w-xs items-center rounded-md border border-slate-300 bg-white shadow-xs focus-within:border-brand-600 group-data-[disabled]:bg-slate-50 group-data-[invalid]:border-red-400">
          <DateInput className="flex min-w-0 flex-1 px-3 py-2 text-sm">
            {(segment) => (
              <DateSegment
                segment={segment}
                className="rounded-sm px-px tabular-nums outline-none focus:bg-brand-600 focus:text-white data-[disabled]:text-slate-500 data-[placeholder]:text-slate-500 data-[type=literal]:px-0"
              />
            )}
          </DateInput>
          <Button className="mr-1 shrink-0 rounded p-1.5 text-slate-500 outline-none hover:bg-slate-100 hover:text-slate-800 focus-visible:ring-2 focus-visible:ring-brand-600 disabled:opacity-50 print:hidden">
            <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
              <path d="M5.75 2a.75.75 0 0 1 .75.75V4h7V2.75a.75.75 0 0 1 1.5 0V4h.25A2.75 2.75 0 0 1 18 6.75v8.5A2.75 2.75 0 0 1 15.25 18H4.75A2.75 2.75 0 0 1 2 15.25v-8.5A2.75 2.75 0 0 1 4.75 4H5V2.75A.75.75 0 0 1 5.75 2Zm-1 5.5c-.69 0-1.25.56-1.25 1.25v6.5c0 .69.56 1.25 1.25 1.25h10.5c.69 0 1.25-.56 1.25-1.25v-6.5c0-.69-.56-1.25-1.25-1.25H4.75Z" />
            </svg>
          </Button>
        </Group>
        {hint ? (
          <Text slot="description" className="mt-1 block text-xs text-slate-500">
            {hint}
          </Text>
        ) : null}
        <FieldError className="mt-1 block text-xs font-medium text-red-700">{error || undefined}</FieldError>
        <Popover className="rounded-lg border border-slate-200 bg-white p-3 shadow-lg outline-none">
          <Dialog className="outline-none">
            <Calendar className="text-sm">
              <header className="mb-2 flex items-center justify-between gap-2">
                <Button slot="previous" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                  <span aria-hidden>‹</span>
                </Button>
                <Heading className="font-medium text-slate-900" />
                <Button slot="next" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                  <span aria-hidden>›</span>
                </Button>
              </header>
              <CalendarGrid className="border-separate border-spacing-0.5">
                {(date) => (
                  <CalendarCell
                    date={date}
                    className="flex size-8 cursor-default items-center justify-center rounded-md text-slate-800 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 data-[disabled]:text-slate-300 data-[outside-month]:hidden data-[selected]:bg-brand-600 data-[selected]:text-white data-[unavailable]:text-slate-300 data-[unavailable]:line-through"
                  />
                )}
              </CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
