'use client';

import { useSearchParams } from 'next/navigation';

/**
 * A report's filters live in its URL's query string, so a link reproduces the report (and its
 * download). Reading is `useSearchParams`; a change replaces the URL in place (the browser's own
 * history API, which Next.js follows without a server round trip).
 */
export function useReportParams<K extends string>(
  names: readonly K[],
): [Partial<Record<K, string>>, (patch: Partial<Record<K, string | null>>) => void, string] {
  const search = useSearchParams();
  const values: Partial<Record<K, string>> = {};
  for (const name of names) {
    const v = search.get(name);
    if (v) values[name] = v;
  }
  const set = (patch: Partial<Record<K, string | null>>) => {
    const next = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(patch) as Array<[K, string | null | undefined]>) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const qs = next.toString();
    window.history.replaceState(null, '', qs ? `?${qs}` : window.location.pathname);
  };
  return [values, set, queryString(values)];
}

/** The filters as a query string, in a stable order: the page's link and its download's. */
export function queryString(values: Record<string, string | undefined>): string {
  return new URLSearchParams(
    Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
}
