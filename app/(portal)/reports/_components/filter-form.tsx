'use client';

import { Button } from '../../../_components/ui/button.tsx';
import { inputClass, selectClass } from '@/app/_components/ui/field.tsx';

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

/**
 * A report's filter bar: labelled fields that start from the query string and apply together (Enter
 * or "Apply"), so a half-typed name does not run a search per keystroke. "Clear" empties them all.
 */
export function FilterForm({
  fields,
  values,
  onApply,
  label,
}: {
  fields: TFilterField[];
  values: Record<string, string>;
  onApply: (next: Record<string, string>) => void;
  label: string;
}) {
  const read = (form: HTMLFormElement) => {
    const data = new FormData(form);
    return Object.fromEntries(
      fields.map((f) => {
        const v = data.get(f.name);
        return [f.name, typeof v === 'string' ? v : ''];
      }),
    );
  };
  return (
    <form
      aria-label={label}
      // A new query string (a link, Back, Clear) resets what the fields show.
      key={JSON.stringify(values)}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(read(e.currentTarget));
      }}
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xs sm:grid-cols-2 lg:grid-cols-4 print:hidden"
    >
      {fields.map((f) => (
        <label key={f.name} className="min-w-0 text-sm">
          <span className="mb-1 block font-medium text-slate-700">{f.label}</span>
          {f.type === 'select' ? (
            <select name={f.name} defaultValue={values[f.name] ?? ''} className={`${selectClass} w-full`}>
              <option value="">{f.any}</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={f.name}
              type={f.type === 'date' ? 'date' : 'search'}
              defaultValue={values[f.name] ?? ''}
              placeholder={f.type === 'text' ? f.placeholder : undefined}
              maxLength={100}
              className={inputClass}
            />
          )}
        </label>
      ))}
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
