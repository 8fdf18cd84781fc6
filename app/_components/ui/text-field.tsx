import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { Field, inputClass, selectClass } from './field.tsx';

type TFieldProps = {
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  required?: boolean;
  labelHidden?: boolean;
  className?: string;
};

/** A one-line text input in a Field: `label`, `hint`, `error` go to the Field, the rest to the input. */
export function TextField({
  label,
  hint,
  error,
  required,
  labelHidden,
  className,
  ...input
}: TFieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      required={required}
      labelHidden={labelHidden}
      className={className}
    >
      <input {...input} required={required} className={inputClass} />
    </Field>
  );
}

/** A text area in a Field; with a maxLength it counts the characters under it. */
export function TextArea({
  label,
  hint,
  error,
  required,
  labelHidden,
  className,
  rows = 3,
  ...input
}: TFieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>) {
  const count =
    input.maxLength != null ? { length: String(input.value ?? '').length, max: input.maxLength } : undefined;
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      required={required}
      labelHidden={labelHidden}
      className={className}
      count={count}
    >
      <textarea {...input} rows={rows} required={required} className={inputClass} />
    </Field>
  );
}

/** A native select in a Field (the phone's own picker on a narrow screen); options are its children. */
export function Select({
  label,
  hint,
  error,
  required,
  labelHidden,
  className,
  children,
  ...select
}: TFieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      required={required}
      labelHidden={labelHidden}
      className={className}
    >
      <select {...select} required={required} className={`${selectClass} w-full`}>
        {children}
      </select>
    </Field>
  );
}
