'use client';

import { Radio, RadioGroup } from 'react-aria-components';

export type TSegment<T extends string> = { id: T; label: string };

/**
 * A small choice between a few views or values, shown as joined buttons: a radio group
 * (react-aria-components), so arrow keys move the choice and a screen reader reads "2 of 3".
 */
export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<TSegment<T>>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <RadioGroup
      aria-label={label}
      value={value}
      onChange={(v) => onChange(v as T)}
      orientation="horizontal"
      className="inline-flex max-w-full overflow-x-auto rounded-md bg-slate-100 p-0.5 ring-1 ring-slate-200 ring-inset"
    >
      {options.map((o) => (
        <Radio
          key={o.id}
          value={o.id}
          className={({ isSelected, isFocusVisible }) =>
            `shrink-0 cursor-pointer rounded px-3 py-1.5 text-sm font-medium whitespace-nowrap ${isSelected ? 'bg-white text-slate-900 shadow-xs ring-1 ring-slate-200' : 'text-slate-600 hover:text-slate-900'} ${isFocusVisible ? 'outline-2 outline-offset-1 outline-brand-600' : ''}`
          }
        >
          {o.label}
        </Radio>
      ))}
    </RadioGroup>
  );
}
