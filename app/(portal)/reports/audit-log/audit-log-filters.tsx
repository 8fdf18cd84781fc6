'use client';

import { Button } from '../../../_components/ui/button.tsx';
import { DateField } from '../../../_components/ui/date-field.tsx';
import { Field } from '../../../_components/ui/field.tsx';
import { SearchField } from '../../../_components/ui/search-field.tsx';
import { Select } from '../../../_components/ui/text-field.tsx';
import { PeoplePicker, type TPerson } from '../../admin/_components/people-picker.tsx';
import type { TAuditLogUrlFilters } from './audit-log-url.ts';

export type TFilterOptions = {
  groups: Array<{ key: string; label: string; actions: Array<{ name: string; label: string }> }>;
  applications: Array<{ id: string; name: string }>;
  people: TPerson[];
  object: { type: string; id: string; name: string | null } | null;
};

/**
 * The audit log's filters. Every choice applies at once (it changes the URL, so the page can be
 * linked to as it is); the search words once typing pauses, or on Enter.
 */
export function AuditLogFilters({
  filters,
  options,
  onPatch,
  onClear,
}: {
  filters: TAuditLogUrlFilters;
  options: TFilterOptions | undefined;
  /** Changes some filters, keeping the others as the URL has them now. */
  onPatch: (patch: TAuditLogUrlFilters) => void;
  onClear: () => void;
}) {
  const person = (id: string | undefined): TPerson | null =>
    id ? (options?.people.find((p) => p.id === id) ?? { id, displayName: 'Loading…' }) : null;
  const set = onPatch;
  const any = Object.values(filters).some(Boolean);
  return (
    <form
      aria-label="Filters"
      className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-4 print:hidden"
      // Every filter applies as it changes; Enter in the search box searches at once.
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label="Done by">
        <PeoplePicker
          value={person(filters.actor)}
          onChange={(p) => set({ actor: p?.id })}
          placeholder="Anyone"
          clearLabel="Any actor"
        />
      </Field>
      <Field label="About">
        <PeoplePicker
          value={person(filters.subject)}
          onChange={(p) => set({ subject: p?.id })}
          placeholder="Anyone"
          clearLabel="Anyone it is about"
        />
      </Field>
      <Select
        label="Action"
        value={filters.action ?? ''}
        onChange={(e) => set({ action: e.target.value || undefined })}
      >
        <option value="">Every action</option>
        {options?.groups.map((g) => (
          <optgroup key={g.key} label={g.label}>
            <option value={g.key}>All: {g.label.toLowerCase()}</option>
            {g.actions.map((a) => (
              <option key={a.name} value={a.name}>
                {a.label}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <Select
        label="Application"
        hint="Its settings, its entitlements, and the requests, grants and changes that name it."
        value={filters.application ?? ''}
        onChange={(e) => set({ application: e.target.value || undefined })}
      >
        <option value="">Every application</option>
        {options?.applications.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Select>
      <DateField
        label="From (UTC day)"
        settle={400}
        value={filters.from ?? ''}
        max={filters.to}
        onChange={(day) => set({ from: day || undefined })}
      />
      <DateField
        label="To (UTC day, included)"
        settle={400}
        value={filters.to ?? ''}
        min={filters.from}
        onChange={(day) => set({ to: day || undefined })}
      />
      <SearchField
        label="Search"
        hint="Words of an action, or the start of an ID (a request’s R-1a2b3c4d)."
        value={filters.q ?? ''}
        maxLength={100}
        onChange={(q) => set({ q: q || undefined })}
      />
      {any ? (
        <div className="flex flex-wrap items-end gap-2">
          <Button variant="ghost" onClick={onClear}>
            Clear filters
          </Button>
        </div>
      ) : null}
      {filters.entityType && filters.entityId ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700 sm:col-span-2 lg:col-span-4">
          <span className="break-words [overflow-wrap:anywhere]">
            Only events about{' '}
            {filters.entityType === options?.object?.type && options.object.name
              ? `“${options.object.name}”`
              : filters.entityId}{' '}
            ({filters.entityType})
          </span>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => set({ entityType: undefined, entityId: undefined })}
          >
            Every object
          </Button>
        </p>
      ) : null}
    </form>
  );
}
