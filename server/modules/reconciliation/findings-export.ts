import { defineReportExport } from '@/server/lib/report-export.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import { fromQuery } from '@/server/lib/query-filters.ts';
import { ZFindingFilters } from './finding-filters.ts';
import { listFindingsAfter, type TFindingKey } from './list-findings.ts';
import type { TFindingWithContext } from './finding-context.ts';

/**
 * GET /api/reports/findings/export?<the queue's filters>: the reconciliation findings the queue
 * shows (orphaned accounts, rogue access, leavers' accounts, drift), in the caller's scope, with their
 * context and decisions, for auditors and the identity team (who see every finding; an owner's queue
 * is read on the page).
 */
export const findingsExport = defineReportExport({
  permission: 'reconciliation.read',
  input: fromQuery(ZFindingFilters),
  filename: (f) =>
    `reconciliation-findings${f.kind ? `-${f.kind.toLowerCase()}` : ''}-${new Date().toISOString().slice(0, 10)}`,
  rows: (db, actor, filters) => {
    const now = new Date();
    return keysetPages(
      async (after: TFindingKey | null, limit) =>
        (await listFindingsAfter(db, actor, { ...filters, after, limit }, { now })).rows,
      (r: TFindingWithContext) => ({ firstSeenAt: r.firstSeenAt, id: r.id }),
      200,
    );
  },
  columns: [
    { header: 'Finding id', value: (r) => r.id },
    { header: 'Kind', value: (r) => r.kind },
    { header: 'Status', value: (r) => r.status },
    { header: 'Application', value: (r) => r.application.name },
    { header: 'Entitlement', value: (r) => r.entitlement?.name ?? null },
    { header: 'Risk', value: (r) => r.entitlement?.risk ?? null },
    { header: 'Person', value: (r) => r.person?.displayName ?? null },
    { header: 'Username', value: (r) => r.person?.username ?? null },
    { header: 'Department', value: (r) => r.person?.department ?? null },
    { header: 'Person status', value: (r) => r.person?.status ?? null },
    { header: 'Account', value: (r) => r.account.username },
    { header: 'Account id in the target', value: (r) => r.account.nativeId },
    {
      header: 'Account enabled',
      value: (r) => (r.account.enabled === null ? null : r.account.enabled ? 'yes' : 'no'),
    },
    {
      header: 'Drift',
      value: (r) =>
        r.drift ? `${r.drift.attribute}: ${r.drift.actual} (expected ${r.drift.expected})` : null,
    },
    { header: 'First seen', value: (r) => r.firstSeenAt },
    { header: 'Last seen', value: (r) => r.lastSeenAt },
    { header: 'Decision', value: (r) => r.decision.decision },
    { header: 'Reason', value: (r) => r.decision.reason },
    { header: 'Decided by', value: (r) => r.decision.decidedBy },
    { header: 'Decided at', value: (r) => r.decision.decidedAt },
    { header: 'Exception until', value: (r) => r.decision.exceptionUntil },
    { header: 'Resolution', value: (r) => r.decision.resolution },
    { header: 'Resolved at', value: (r) => r.decision.resolvedAt },
  ],
});
