import type {
  TConnectorForm,
  TSettingsField,
} from '@/server/shared/connector-forms/connector-form-fields.ts';
import type { TFormValues } from '@/server/shared/connector-forms/connector-form-values.ts';

/** A stored setting today's rules refuse, as applications.get names it: `accountObjectClasses.2`. */
export type TStoredProblem = { field: string; message: string };

/** The form's field a problem's dotted path is in (the longest path that is it or holds it). */
function fieldOf(form: TConnectorForm, path: string): TSettingsField | undefined {
  return form.fields
    .filter((f) => path === f.path || path.startsWith(`${f.path}.`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/**
 * The setting as the person sees it on the form: its label, and the line of a one-a-line list
 * (`accountObjectClasses.2` is "Account object classes, line 3"); the stored key where the form shows
 * no such field, as that is all there is to name it by.
 */
export function storedProblemName(form: TConnectorForm, path: string): string {
  const field = fieldOf(form, path);
  if (!field) return path;
  const index = /^\d+$/.exec(path.slice(field.path.length + 1));
  return field.kind === 'list' && index ? `${field.label}, line ${Number(index[0]) + 1}` : field.label;
}

/**
 * The stored problems as errors under their fields (`config.<path>`, as the save's own errors are
 * keyed), so the form marks them and opens "More settings" when one is there. A field the person has
 * changed since loading drops its problem: the save checks the new value.
 */
export function storedProblemErrors(
  form: TConnectorForm,
  problems: readonly TStoredProblem[],
  loaded: TFormValues,
  current: TFormValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const field = fieldOf(form, p.field);
    if (field && loaded[field.path] !== current[field.path]) continue;
    errors[`config.${p.field}`] ??= p.message;
  }
  return errors;
}
