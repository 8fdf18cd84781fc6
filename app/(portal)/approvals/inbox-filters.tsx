'use client';

import type { TListApprovalFacetsOutput } from '@/server/trpc/routers/approvals/list-approval-facets.schema.ts';
import { Button } from '../../_components/ui/button.tsx';
import { SearchField } from '../../_components/ui/search-field.tsx';
import { Select } from '../../_components/ui/text-field.tsx';
import { RiskOptions } from '@/app/_components/ui/risk-options.tsx';

// `filters` is the phone's disclosure ('shown' when open): kept in the link like the filters themselves.
export const INBOX_KEYS = ['status', 'q', 'risk', 'app', 'person', 'sort', 'request', 'filters'] as const;
export type TInboxParams = Record<(typeof INBOX_KEYS)[number], string>;

const SORTS = {
  OLDEST: 'Oldest first',
  NEWEST: 'Newest first',
  RISK: 'Highest risk first',
  DUE: 'Due soonest',
} as const;

/**
 * Search, filters and order, all in the query string (a link reproduces the view). Below `sm` the five
 * fields fold behind one "Filters" button: open, they filled a phone's first screen and pushed the first
 * request, the decision the page is for, below it. From `sm` up the button is hidden and the fields show.
 */
export function InboxFilters({
  values,
  apply,
  facets,
}: {
  values: TInboxParams;
  apply: (next: Partial<TInboxParams>) => void;
  /** The tab's whole queue's applications and people: the filters' choices. */
  facets: TListApprovalFacetsOutput | undefined;
}) {
  const status = values.status === 'DECIDED' ? 'DECIDED' : 'PENDING';
  const isShown = values.filters === 'shown';
  // Those that narrow the queue; the order only sorts it.
  const active = [values.q, values.risk, values.app, values.person].filter(Boolean).length;

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className="mb-3 sm:hidden"
        aria-expanded={isShown}
        aria-controls="inbox-filters"
        onClick={() => apply({ filters: isShown ? '' : 'shown' })}
      >
        {active ? `Filters (${active} active)` : 'Filters'}
      </Button>
      {/* Enter searches at once inside the SearchField; the form only names the filters as a search landmark. */}
      <form
        id="inbox-filters"
        role="search"
        aria-label="Filter approvals"
        onSubmit={(e) => e.preventDefault()}
        className={`mb-4 gap-3 sm:grid sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr] ${isShown ? 'grid' : 'hidden'}`}
      >
        <SearchField
          label="Search"
          value={values.q}
          onChange={(q) => apply({ q })}
          placeholder="Person, access or reason"
        />
        <Select label="Risk" value={values.risk} onChange={(e) => apply({ risk: e.target.value })}>
          <option value="">Any risk</option>
          <RiskOptions highestFirst />
        </Select>
        <Select label="Application" value={values.app} onChange={(e) => apply({ app: e.target.value })}>
          <option value="">All applications</option>
          {facets?.applications.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Select label="Person" value={values.person} onChange={(e) => apply({ person: e.target.value })}>
          <option value="">Anyone</option>
          {facets?.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </Select>
        <Select
          label="Order"
          value={values.sort || (status === 'PENDING' ? 'OLDEST' : 'NEWEST')}
          onChange={(e) => apply({ sort: e.target.value })}
        >
          {Object.entries(SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </form>
    </>
  );
}
