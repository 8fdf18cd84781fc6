import { cloneElement, isValidElement, useId, type ReactElement } from 'react';
import { countCharacters } from './character-count.ts';

export const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-400';
export const selectClass =
  'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:border-red-400';

type TControlProps = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/**
 * A labelled form control with an optional hint, error and character count. The control (one
 * element: a native input, select or textarea, or a Combobox) gets the id, aria-describedby and
 * aria-invalid, so screen readers read the label, the hint and the error with it. Form controls stay
 * native on purpose (docs/decisions/066): the browser's own keyboard, autofill and phone pickers.
 */
export function Field({
  label,
  hint,
  error,
  required,
  count,
  labelHidden = false,
  className = '',
  children,
}: {
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  required?: boolean;
  /** Shows a character counter under the control (TextArea passes it when it has a maxLength). */
  count?: { length: number; max: number };
  /** The label is for screen readers only: a filter bar whose control says what it is (an "Every status" select). */
  labelHidden?: boolean;
  className?: string;
  children: ReactElement<TControlProps>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const countId = `${id}-count`;
  const counter = count ? countCharacters(count.length, count.max) : null;
  const describedBy =
    [hint ? hintId : null, error ? errorId : null, counter ? countId : null].filter(Boolean).join(' ') ||
    undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
      })
    : children;
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : 'block text-sm font-medium text-slate-700'}>
        {label}
        {required ? <span className="text-red-600"> *</span> : null}
      </label>
      <div className={labelHidden ? '' : 'mt-1'}>{control}</div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {counter ? (
        <p
          id={countId}
          aria-live={counter.announce ? 'polite' : 'off'}
          className={`mt-1 text-right text-xs ${counter.tone === 'quiet' ? 'text-slate-500' : counter.tone === 'near' ? 'text-amber-800' : 'font-medium text-red-700'}`}
        >
          {counter.text}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label beside it and an optional hint below. */
export function Checkbox({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: React.ReactNode;
  hint?: React.ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
