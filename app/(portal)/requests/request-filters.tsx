'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { SearchField } from '../../_components/ui/search-field.tsx';
import { Select } from '../../_components/ui/text-field.tsx';

const STATUSES = [
  { value: 'PENDING', label: 'Waiting' },
  { value: 'APPROVED', label: 'Approved' },
  { value: 'DENIED', label: 'Denied' },
  { value: 'CANCELLED', label: 'Cancelled' },
  { value: 'EXPIRED', label: 'Expired' },
] as const;

type TStatus = (typeof STATUSES)[number]['value'];

export type TRequestFilters = {
  status?: TStatus;
  search?: string;
  isFiltered: boolean;
  set: (key: 'status' | 'q', value: string) => void;
};

/** My requests' filters live in the address (`?status=PENDING&q=REQ-3F9A`), so a filtered list can be shared and survives a reload. */
export function useRequestFilters(): TRequestFilters {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get('status');
  const status = STATUSES.find((s) => s.value === raw)?.value;
  const search = params.get('q')?.slice(0, 200) || undefined;
  const set = (key: 'status' | 'q', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return { status, search, isFiltered: Boolean(status || search), set };
}

export function RequestFilters({ filters }: { filters: TRequestFilters }) {
  return (
    <div className="mb-5 flex flex-wrap items-end gap-3">
      <SearchField
        label="Search by request number or name"
        labelHidden
        value={filters.search ?? ''}
        onChange={(q) => filters.set('q', q)}
        placeholder="Request number (REQ-…) or name"
        className="flex-1 basis-64"
      />
      <Select
        label="Status"
        labelHidden
        value={filters.status ?? ''}
        onChange={(e) => filters.set('status', e.target.value)}
      >
        <option value="">Every status</option>
        {STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
