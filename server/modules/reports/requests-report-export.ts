import { keysetPages } from '@/server/lib/csv-export.ts';
import {
  listRequestsReportPage,
  ZRequestReportFilters,
  type TRequestCursor,
  type TRequestReportRow,
} from './list-requests-report.ts';
import { defineReportExport } from '@/server/lib/report-export.ts';

const decision = (d: TRequestReportRow['decisions'][number]) =>
  `${d.stage}: ${d.decision === 'APPROVED' ? 'approved' : 'denied'} by ${d.decidedBy}${d.onBehalfOf ? ` for ${d.onBehalfOf}` : ''} at ${d.decidedAt.toISOString()}${d.comment ? ` “${d.comment}”` : ''}`;

/** GET /api/reports/requests/export?<the page's filters>: every request the page lists, one a row. */
export const requestsReportExport = defineReportExport({
  permission: 'reports.read',
  input: ZRequestReportFilters,
  filename: () => `requests-${new Date().toISOString().slice(0, 10)}`,
  rows: (db, _actor, filters) =>
    keysetPages(
      (after: TRequestCursor | null, limit) => listRequestsReportPage(db, filters, { after, limit }),
      (r) => ({ createdAt: r.createdAt, id: r.id }),
      1000,
    ),
  columns: [
    { header: 'Number', value: (r) => r.number },
    { header: 'Request id', value: (r) => r.id },
    { header: 'Submitted', value: (r) => r.createdAt },
    { header: 'Status', value: (r) => r.status },
    { header: 'Kind', value: (r) => r.kind },
    { header: 'Requester', value: (r) => r.requester.displayName },
    { header: 'Requester username', value: (r) => r.requester.username },
    { header: 'Beneficiary', value: (r) => r.beneficiary.displayName },
    { header: 'Beneficiary username', value: (r) => r.beneficiary.username },
    { header: 'Item', value: (r) => r.item.name },
    { header: 'Item type', value: (r) => (r.item.kind === 'ROLE' ? 'Role' : 'Entitlement') },
    { header: 'Application', value: (r) => r.item.applicationName },
    { header: 'Justification', value: (r) => r.justification },
    { header: 'Requested end', value: (r) => r.requestedEndsAt },
    { header: 'Approved end', value: (r) => r.approvedEndsAt },
    { header: 'Decided', value: (r) => r.decidedAt },
    { header: 'Decided by', value: (r) => [...new Set(r.decisions.map((d) => d.decidedBy))].join('; ') },
    { header: 'Decisions', value: (r) => r.decisions.map(decision).join('; ') },
    { header: 'Auto-approval rule', value: (r) => r.autoApprovalRule },
    { header: 'Waiting for', value: (r) => r.pendingWith.join('; ') },
    { header: 'Grant id', value: (r) => r.grantId },
  ],
});
