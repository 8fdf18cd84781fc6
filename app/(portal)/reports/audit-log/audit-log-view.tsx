'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import type { TAuditEntityType } from '@/server/modules/audit/index.ts';
import type { TAuditLogEntryOutput } from '@/server/trpc/routers/audit-log/list-audit-log.schema.ts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button, buttonClass } from '../../../_components/ui/button.tsx';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { DataTable, type ColumnDef } from '../../../_components/ui/data-table.tsx';
import { formatInstant } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AuditEventDetails } from './audit-event-details.tsx';
import { AuditLogFilters } from './audit-log-filters.tsx';
import { AuditVerificationCard } from './audit-verification-card.tsx';
import { auditLogQuery, isId, readAuditLogFilters, type TAuditLogUrlFilters } from './audit-log-url.ts';
import { SentenceText } from '@/app/_components/ui/day-text.tsx';

const PAGE = 50;

/** What the filters say, in words, for the printed page. */
function filterSummary(
  filters: TAuditLogUrlFilters,
  names: Map<string, string>,
  labels: Map<string, string>,
): string {
  const parts = [
    filters.actor ? `done by ${names.get(filters.actor) ?? filters.actor}` : '',
    filters.subject ? `about ${names.get(filters.subject) ?? filters.subject}` : '',
    filters.action ? `action: ${labels.get(filters.action) ?? filters.action}` : '',
    filters.application ? `application: ${names.get(filters.application) ?? filters.application}` : '',
    filters.entityType && filters.entityId ? `object: ${filters.entityType} ${filters.entityId}` : '',
    filters.from ? `from ${filters.from}` : '',
    filters.to ? `to ${filters.to} (UTC, included)` : '',
    filters.q ? `matching “${filters.q}”` : '',
  ].filter(Boolean);
  return parts.length ? `Filtered: ${parts.join('; ')}.` : 'Every event.';
}

/**
 * The audit log as auditors read it: every event in words, newest first, filtered by the URL (a link
 * reproduces the page), each row opening onto what it changed; downloadable as CSV with the same
 * filters, and printable.
 */
export function AuditLogView() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => readAuditLogFilters(params), [params]);
  const query = auditLogQuery(filters);
  // The URL is changed in place (the browser's history API, which Next.js follows) and a change is
  // merged into the URL as it is now, not into this render's filters: two quick changes (a person,
  // then an action) both stay, where a router transition still under way would lose the first.
  const setFilters = (next: TAuditLogUrlFilters) => {
    const qs = auditLogQuery(next);
    window.history.replaceState(null, '', `${pathname}${qs ? `?${qs}` : ''}`);
  };
  const patchFilters = (patch: TAuditLogUrlFilters) =>
    setFilters({ ...readAuditLogFilters(new URLSearchParams(window.location.search)), ...patch });

  const personIds = [filters.actor, filters.subject].filter(isId);
  const object =
    filters.entityType && filters.entityId
      ? { type: filters.entityType as TAuditEntityType, id: filters.entityId }
      : undefined;
  const options = useQuery(trpc.auditLog.filterOptions.queryOptions({ personIds, object }));
  const list = useInfiniteQuery(
    trpc.auditLog.list.infiniteQueryOptions(
      { ...filters, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const names = new Map([
    ...(options.data?.people.map((p) => [p.id, p.displayName] as const) ?? []),
    ...(options.data?.applications.map((a) => [a.id, a.name] as const) ?? []),
  ]);
  const labels = new Map(
    options.data?.groups.flatMap((g) => [
      [g.key, g.label] as const,
      ...g.actions.map((a) => [a.name, a.label] as const),
    ]) ?? [],
  );

  const columns: ColumnDef<TAuditLogEntryOutput>[] = [
    {
      id: 'when',
      header: 'When (UTC)',
      cell: ({ row }) => (
        <span className="whitespace-nowrap text-slate-600">{formatInstant(row.original.occurredAt)}</span>
      ),
    },
    {
      id: 'what',
      header: 'What happened',
      cell: ({ row }) => (
        <div className="sm:min-w-[16rem]">
          <p>
            <SentenceText text={row.original.sentence} />
          </p>
          <AuditEventDetails
            entry={row.original}
            onShowObject={() =>
              setFilters({ entityType: row.original.object.type, entityId: row.original.object.id })
            }
          />
        </div>
      ),
    },
    {
      id: 'action',
      header: 'Action',
      cell: ({ row }) => (
        <>
          {row.original.label}
          {row.original.group ? (
            <span className="block text-xs text-slate-500">{row.original.group}</span>
          ) : null}
        </>
      ),
    },
    { id: 'actor', header: 'Done by', cell: ({ row }) => row.original.actor.name },
    { id: 'subject', header: 'About', cell: ({ row }) => row.original.subject?.name ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Everything Gatehouse recorded: who did what, to whom, and what it changed. Times and days are in UTC."
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <a
              href={`/api/reports/audit-log/export${query ? `?${query}` : ''}`}
              download
              className={buttonClass()}
            >
              Download CSV
            </a>
            <Button variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
          </div>
        }
      />
      <AuditVerificationCard />
      <AuditLogFilters
        key={query}
        filters={filters}
        options={options.data}
        onPatch={patchFilters}
        onClear={() => setFilters({})}
      />
      <p className="mb-3 hidden text-sm text-slate-700 print:block">
        {filterSummary(filters, names, labels)}
      </p>
      <QueryState query={list} loading="Loading the audit log">
        <DataTable
          caption="Audit events"
          stackOnPhone
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          empty="No event matches these filters."
          more={{
            hasMore: Boolean(list.hasNextPage),
            loading: list.isFetchingNextPage,
            onLoadMore: () => void list.fetchNextPage(),
          }}
        />
      </QueryState>
    </>
  );
}
