import type { TDb } from '@/server/db/client.ts';
import { AUDIT_GROUPS } from './audit-actions.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import type { TAuditChange } from './audit-changes.ts';
import type { TAuditLogFilters } from './audit-log-filters.ts';
import {
  decodeAuditCursor,
  encodeAuditCursor,
  queryAuditLog,
  type TAuditCursor,
  type TAuditRow,
} from './audit-log-query.ts';
import { actorName } from './audit-sentence-context.ts';
import { describeAuditEvent } from './describe-audit-event.ts';
import { loadAuditNames } from './load-audit-names.ts';

/** One event as the audit log shows it: in words, with its raw record for the details. */
export type TAuditLogEntry = {
  id: string;
  occurredAt: Date;
  action: string;
  label: string;
  group: string | null;
  actor: { id: string | null; name: string };
  subject: { id: string; name: string } | null;
  object: { type: string; id: string; name: string | null };
  sentence: string;
  changes: TAuditChange[];
  raw: { before: unknown; after: unknown; metadata: unknown };
};

/** A page of rows, in words: names are loaded once for the page. */
export async function describeAuditPage(db: TDb, rows: readonly TAuditRow[]): Promise<TAuditLogEntry[]> {
  const names = await loadAuditNames(db, rows);
  return rows.map((r) => {
    const d = describeAuditEvent(r, names);
    const subject = r.subjectId
      ? { id: r.subjectId, name: names.person(r.subjectId) ?? 'A person not found' }
      : null;
    return {
      id: r.id,
      occurredAt: r.occurredAt,
      action: d.action ?? r.action,
      label: d.label,
      group: d.group ? AUDIT_GROUPS[d.group] : null,
      actor: { id: r.actorId, name: actorName(r, names) },
      subject,
      object: {
        type: r.entityType,
        id: r.entityId,
        name:
          names.entity(r.entityType as never, r.entityId)?.name ??
          (r.entityType === 'Identity' ? (names.person(r.entityId) ?? null) : null),
      },
      sentence: d.sentence,
      changes: d.changes,
      raw: { before: r.before, after: r.after, metadata: r.metadata },
    };
  });
}

/** The audit log, filtered, newest first, a page at a time. */
export async function listAuditLog(db: TDb, input: TAuditLogFilters & { cursor?: string; limit: number }) {
  const after: TAuditCursor | null = input.cursor ? decodeAuditCursor(input.cursor) : null;
  // One row more than asked says whether another page follows.
  const rows = await queryAuditLog(db, input, { after, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return {
    items: await describeAuditPage(db, page),
    nextCursor: rows.length > input.limit ? encodeAuditCursor(page[page.length - 1]!) : null,
  };
}

/** Every matching event, page by page, for the CSV export: the same query as the page. */
export function auditLogEntries(
  db: TDb,
  filters: TAuditLogFilters,
  pageSize = 500,
): AsyncGenerator<TAuditLogEntry[]> {
  return keysetPages<TAuditLogEntry, TAuditCursor>(
    async (after, take) => describeAuditPage(db, await queryAuditLog(db, filters, { after, limit: take })),
    (e) => ({ occurredAt: e.occurredAt.toISOString(), id: e.id }),
    pageSize,
  );
}
