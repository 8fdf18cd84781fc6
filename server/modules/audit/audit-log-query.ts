import { z } from 'zod';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { pageCursorCodec } from '@/server/lib/page-cursor.ts';
import {
  actionsInGroup,
  AUDIT_ACTION_NAMES,
  AUDIT_ACTIONS,
  storedNamesOf,
  type TAuditAction,
} from './audit-actions.ts';
import { isAuditGroup, type TAuditLogFilters } from './audit-log-filters.ts';
import type { TStoredAuditEvent } from './audit-sentence-context.ts';

export type TAuditRow = TStoredAuditEvent & { id: string; occurredAt: Date };

/** Where the next page starts: the last row's time and id. */
export type TAuditCursor = { occurredAt: string; id: string };

const auditCursors = pageCursorCodec(
  'audit log',
  z.object({
    occurredAt: z.iso.datetime({ precision: 3 }),
    // A bigint: 19 digits can still exceed it, which PostgreSQL's cast would answer with an error.
    id: z.string().refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= 9_223_372_036_854_775_807n),
  }),
);

export const encodeAuditCursor = (row: Pick<TAuditRow, 'occurredAt' | 'id'>) =>
  auditCursors.encode({ occurredAt: row.occurredAt.toISOString(), id: row.id });

export const decodeAuditCursor = (cursor: string): TAuditCursor => auditCursors.decode(cursor);

/** The stored names an action filter means: one action and its legacy names, or every action of a group. */
function actionNamesFor(filter: string): string[] {
  const actions: TAuditAction[] = isAuditGroup(filter) ? actionsInGroup(filter) : [filter as TAuditAction];
  return storedNamesOf(actions);
}

/** Actions whose label holds the words searched for. */
function actionsLabelled(q: string): string[] {
  const words = q.toLowerCase();
  return storedNamesOf(
    AUDIT_ACTION_NAMES.filter((a) => AUDIT_ACTIONS[a].label.toLowerCase().includes(words)),
  );
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: TAuditLogFilters, after: TAuditCursor | null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.actor) where.push(Prisma.sql`e."actorId" = ${f.actor}::uuid`);
  if (f.subject) where.push(Prisma.sql`e."subjectId" = ${f.subject}::uuid`);
  if (f.action) where.push(Prisma.sql`e.action = ANY(${actionNamesFor(f.action)}::text[])`);
  if (f.entityType && f.entityId)
    where.push(Prisma.sql`e."entityType" = ${f.entityType} AND e."entityId" = ${f.entityId}`);
  if (f.application) {
    // docs/decisions/052: the application itself, one of its entitlements, or an event that names it.
    where.push(Prisma.sql`(
      e.metadata->>'applicationId' = ${f.application}
      OR (e."entityType" = 'Application' AND e."entityId" = ${f.application})
      OR (e."entityType" = 'Entitlement' AND e."entityId" IN (SELECT n.id::text FROM "Entitlement" n WHERE n."applicationId" = ${f.application}::uuid)))`);
  }
  // Days in UTC, both ends included: the column holds UTC times.
  if (f.from) where.push(Prisma.sql`e."occurredAt" >= ${f.from}::date::timestamp`);
  if (f.to) where.push(Prisma.sql`e."occurredAt" < (${f.to}::date + 1)::timestamp`);
  if (f.q) {
    const id = f.q.replace(/^R-/i, '').toLowerCase();
    where.push(
      Prisma.sql`(e.action = ANY(${actionsLabelled(f.q)}::text[]) OR lower(e."entityId") LIKE ${likePrefix(id)})`,
    );
  }
  if (after)
    where.push(Prisma.sql`(e."occurredAt", e.id) < (${after.occurredAt}::timestamp, ${after.id}::bigint)`);
  return where;
}

/**
 * One page of the audit log, newest first, keyset-paged by (occurredAt, id): a page never repeats or
 * skips a row however many are written meanwhile. The page and the CSV export both read through here.
 */
export async function queryAuditLog(
  db: TDb,
  filters: TAuditLogFilters,
  page: { after: TAuditCursor | null; limit: number },
): Promise<TAuditRow[]> {
  const where = conditions(filters, page.after);
  const rows = await db.$queryRaw<Array<Omit<TAuditRow, 'occurredAt'> & { occurredAt: string }>>`
    SELECT e.id::text AS id,
           to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
           e."actorId"::text AS "actorId", e."actorType", e.action, e."entityType", e."entityId",
           e."subjectId"::text AS "subjectId", e.before, e.after, e.metadata
      FROM "AuditEvent" e
     WHERE ${where.length ? Prisma.join(where, ' AND ') : Prisma.sql`TRUE`}
     ORDER BY e."occurredAt" DESC, e.id DESC
     LIMIT ${page.limit}`;
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt) }));
}
