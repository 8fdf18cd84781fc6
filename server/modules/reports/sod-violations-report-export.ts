import { keysetPages } from '@/server/lib/csv-export.ts';
import {
  listSodViolationsReportPage,
  ZSodReportFilters,
  type TSodCursor,
  type TSodReportRow,
} from './list-sod-violations-report.ts';
import { defineReportExport } from '@/server/lib/report-export.ts';

const mitigation = (m: TSodReportRow['mitigations'][number]) =>
  `${m.control} (recorded ${m.recordedAt.toISOString()}${m.recordedBy ? ` by ${m.recordedBy}` : ''}, expires ${m.expiresAt.toISOString()}${m.revokedAt ? `, revoked ${m.revokedAt.toISOString()}` : ''}; ${m.state.toLowerCase().replace('_', ' ')})`;

/** GET /api/reports/sod-violations/export?<the page's filters>: every violation the page lists. */
export const sodViolationsReportExport = defineReportExport({
  permission: 'reports.read',
  input: ZSodReportFilters,
  filename: () => `sod-violations-${new Date().toISOString().slice(0, 10)}`,
  rows: (db, _actor, filters) => {
    const now = new Date();
    return keysetPages(
      (after: TSodCursor | null, limit) => listSodViolationsReportPage(db, filters, { after, limit, now }),
      (r) => ({ detectedAt: r.detectedAt, id: r.id }),
      1000,
    );
  },
  columns: [
    { header: 'Violation id', value: (r) => r.id },
    { header: 'Rule', value: (r) => r.rule.name },
    { header: 'Severity', value: (r) => r.rule.severity },
    { header: 'Person', value: (r) => r.identity.displayName },
    { header: 'Username', value: (r) => r.identity.username },
    { header: 'Department', value: (r) => r.identity.department },
    { header: 'Detected', value: (r) => r.detectedAt },
    { header: 'Resolved', value: (r) => r.resolvedAt },
    { header: 'State', value: (r) => r.state },
    { header: 'Status', value: (r) => r.status },
    { header: 'Explanation', value: (r) => r.explanation },
    {
      header: 'Prevented',
      value: (r) =>
        r.prevented ? `${r.prevented.by}${r.prevented.what ? `: ${r.prevented.what}` : ''}` : null,
    },
    { header: 'Mitigating controls', value: (r) => r.mitigations.map(mitigation).join('; ') },
  ],
});
