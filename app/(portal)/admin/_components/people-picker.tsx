'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Combobox } from '../../../_components/ui/combobox.tsx';

export type TPerson = { id: string; displayName: string };

/**
 * A combobox over the staff directory (people.search). Shows the chosen person's name; typing
 * searches; arrow keys and Enter pick; the clear button empties it.
 */
export function PeoplePicker({
  value,
  onChange,
  disabled,
  placeholder = 'Search people by name…',
  clearLabel = 'Clear',
  id,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
}: {
  value: TPerson | null;
  onChange: (person: TPerson | null) => void;
  disabled?: boolean;
  placeholder?: string;
  clearLabel?: string;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState({ query: '', open: false });
  const deferred = useDeferredValue(search.query);
  const results = useQuery({
    ...trpc.people.search.queryOptions({ query: deferred, limit: 8 }),
    enabled: search.open,
  });
  return (
    <Combobox
      id={id}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      disabled={disabled}
      placeholder={placeholder}
      clearLabel={clearLabel}
      value={value ? { id: value.id, label: value.displayName } : null}
      onChange={(o) => onChange(o ? { id: o.id, displayName: o.label } : null)}
      options={(results.data ?? []).map((p) => ({
        id: p.id,
        label: p.displayName,
        detail: [p.title, p.department].filter(Boolean).join(' · ') || null,
      }))}
      searching={results.isPending}
      searched={results.isFetched}
      onSearch={(query, open) => setSearch({ query, open })}
      nothingFound="Nobody matches"
    />
  );
}
