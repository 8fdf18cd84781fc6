'use client';

import { useState } from 'react';
import { Button } from '../../../_components/ui/button.tsx';
import { DateField } from '../../../_components/ui/date-field.tsx';
import { Select, TextField } from '../../../_components/ui/text-field.tsx';

export type TFilterField =
  | { name: string; label: string; type: 'text'; placeholder?: string }
  | { name: string; label: string; type: 'date' }
  | {
      name: string;
      label: string;
      type: 'select';
      options: Array<{ value: string; label: string }>;
      any: string;
    };

type TFilterFormProps = {
  fields: TFilterField[];
  values: Record<string, string>;
  onApply: (next: Record<string, string>) => void;
  label: string;
};

/**
 * A report's filter bar: labelled fields that start from the query string and apply together (Enter
 * or "Apply"), so a half-typed name does not run a search per keystroke. "Clear" empties them all.
 */
export function FilterForm(props: TFilterFormProps) {
  // A new query string (a link, Back, Clear) starts the fields afresh from it.
  return <FilterFields key={JSON.stringify(props.values)} {...props} />;
}

function FilterFields({ fields, values, onApply, label }: TFilterFormProps) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, values[f.name] ?? ''])),
  );
  const set = (name: string, value: string) => setDraft((d) => ({ ...d, [name]: value }));
  return (
    <form
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xs sm:grid-cols-2 lg:grid-cols-4 print:hidden"
    >
      {fields.map((f) =>
        f.type === 'select' ? (
          <Select
            key={f.name}
            label={f.label}
            value={draft[f.name] ?? ''}
            onChange={(e) => set(f.name, e.target.value)}
          >
            <option value="">{f.any}</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        ) : f.type === 'date' ? (
          <DateField
            key={f.name}
            label={f.label}
            value={draft[f.name] ?? ''}
            onChange={(day) => set(f.name, day)}
          />
        ) : (
          <TextField
            key={f.name}
            label={f.label}
            type="search"
            value={draft[f.name] ?? ''}
            onChange={(e) => set(f.name, e.target.value)}
            placeholder={f.placeholder}
            maxLength={100}
          />
        ),
      )}
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-4">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="secondary"
          onClick={() => onApply(Object.fromEntries(fields.map((f) => [f.name, ''])))}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
