export type TComboboxOption = { id: string; label: string; detail?: string | null };

/**
 * The options the list holds: the chosen one stays in it (first, when the search did not find it),
 * because the library shows the chosen option's text from its list. Without it a search that no
 * longer finds the chosen person would empty the field on blur, and a pick would read as typing.
 */
export function comboboxItems(
  value: { id: string; label: string } | null,
  options: TComboboxOption[],
): TComboboxOption[] {
  if (!value || options.some((o) => o.id === value.id)) return options;
  return [{ id: value.id, label: value.label }, ...options];
}

/**
 * The chosen option's name: as the list has it (a search's answer knows it before a page that holds only
 * the id has loaded it), else as the list last had it for the same choice, else as the page has it. A
 * later search that does not find the chosen option does not bring back the page's stand-in ("…" until
 * the page's own request answers): under load, Escape after a pick put back "…", and kept it.
 */
export function chosenLabel(
  value: { id: string; label: string } | null,
  options: TComboboxOption[],
  lastListed: TComboboxOption | null,
): string {
  if (!value) return '';
  const listed = options.find((o) => o.id === value.id) ?? (lastListed?.id === value.id ? lastListed : null);
  return listed?.label ?? value.label;
}

/** What to search for: the chosen option's own name in the field means "show me the list", not a search for that name. */
export function comboboxQuery(value: { label: string } | null, text: string): string {
  return value && text === value.label ? '' : text;
}

/** The line under the options: searching, or nothing found for what was typed (null: the list says it all). */
export function comboboxStatus({
  searching,
  searched,
  found,
  query,
  nothingFound,
}: {
  searching: boolean;
  searched: boolean;
  /** Options the search returned (the chosen option kept in the list does not count). */
  found: number;
  query: string;
  nothingFound: string;
}): string | null {
  if (searching) return 'Searching…';
  if (searched && found === 0) return query.trim() ? `${nothingFound} “${query.trim()}”` : nothingFound;
  return null;
}

/**
 * The field's text when the library asks for it to show the chosen option again (it does whenever its
 * list closes without a pick): the chosen option's name (none: empty) after Escape or when the field
 * is left, but what was typed when the list closed while the person is still typing in the field (the
 * library closes an open list when the page scrolls: a wheel, a phone's keyboard scrolling the field
 * into view).
 */
export function textOnRevert({
  chosen,
  typed,
  stillTyping,
}: {
  chosen: { label: string } | null;
  typed: string;
  stillTyping: boolean;
}): string {
  return stillTyping ? typed : (chosen?.label ?? '');
}
