import { defineReportExport } from '@/server/lib/report-export.ts';
import { formatChange } from './audit-changes.ts';
import { ZAuditLogFilters } from './audit-log-filters.ts';
import { auditLogEntries } from './list-audit-log.ts';

/** GET /api/reports/audit-log/export?<the page's filters>: every event the page would show, in words. */
export const auditLogExport = defineReportExport({
  permission: 'audit.read',
  input: ZAuditLogFilters,
  filename: (f) => ['audit-log', f.from ?? 'start', f.to ?? new Date().toISOString().slice(0, 10)].join('-'),
  rows: (db, _actor, filters) => auditLogEntries(db, filters),
  columns: [
    { header: 'Occurred at (UTC)', value: (e) => e.occurredAt },
    { header: 'Action', value: (e) => e.label },
    { header: 'Done by', value: (e) => e.actor.name },
    { header: 'About', value: (e) => e.subject?.name ?? '' },
    { header: 'What happened', value: (e) => e.sentence },
    { header: 'Changes', value: (e) => e.changes.map(formatChange).join('; ') },
    { header: 'Object', value: (e) => `${e.object.type} ${e.object.id}` },
    { header: 'Event ID', value: (e) => e.id },
  ],
});
