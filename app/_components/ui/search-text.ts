/**
 * What a search box hands on once typing settles: the text without surrounding spaces, or null when
 * that is what the page already searches for (a space typed at the end runs no new search).
 */
export function settledSearch(text: string, current: string): string | null {
  const next = text.trim();
  return next === current.trim() ? null : next;
}
