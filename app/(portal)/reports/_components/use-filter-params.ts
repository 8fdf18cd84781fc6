'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';

/**
 * A report's filters, kept in the page's query string so that a link reproduces the report. `values`
 * holds every key ('' when absent); `query` is the non-empty ones as a query string (the same one the
 * CSV export reads); `apply` replaces some of them (an empty value removes its key).
 */
export function useFilterParams<K extends string>(keys: readonly K[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.toString();
  const values = useMemo(() => {
    const current = new URLSearchParams(search);
    return Object.fromEntries(keys.map((k) => [k, current.get(k) ?? ''])) as Record<K, string>;
    // keys is a constant list per page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const query = useMemo(() => {
    const q = new URLSearchParams();
    for (const k of keys) if (values[k]) q.set(k, values[k]);
    return q.toString();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);
  const apply = (next: Partial<Record<K, string>>) => {
    const q = new URLSearchParams(search);
    for (const [k, v] of Object.entries(next) as Array<[K, string | undefined]>) {
      const value = (v ?? '').trim();
      if (value) q.set(k, value);
      else q.delete(k);
    }
    const text = q.toString();
    router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false });
  };
  return { values, query, apply };
}
