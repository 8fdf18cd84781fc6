import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma, TDb } from '@/server/db/client.ts';
import { bulkInsert, bulkInsertSql } from '@/server/db/bulk-insert.ts';
import type { TAuditAction, TAuditEntityType } from './audit-actions.ts';
import { toPlainJson } from './audit-json.ts';
import { auditPayloadProblem } from './audit-payload-check.ts';
import { isTestRun } from '@/server/env.ts';

export type TAuditEventInput = {
  actor: TActor;
  /** One of the actions in audit-actions.ts: an unknown name does not compile. */
  action: TAuditAction;
  entityType: TAuditEntityType;
  entityId: string;
  /** The person the event is about. */
  subjectId?: string | null;
  /**
   * The application the event is about, when the entity alone does not say (a request, a grant, an
   * operation): stored as metadata.applicationId, which the audit log's application filter reads.
   */
  applicationId?: string | null;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
};

/** Appends to the audit trail; call it inside the transaction that makes the change. */
export async function recordAuditEvent(db: TDb, event: TAuditEventInput): Promise<void> {
  await recordAuditEvents(db, [event]);
}

const AUDIT_COLUMNS = [
  { name: 'actorId', type: 'uuid' },
  { name: 'actorType', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'entityType', type: 'text' },
  { name: 'entityId', type: 'text' },
  { name: 'subjectId', type: 'uuid' },
  { name: 'before', type: 'jsonb' },
  { name: 'after', type: 'jsonb' },
  { name: 'metadata', type: 'jsonb' },
];

/** In tests every event is checked against its action's payload schemas; in production a mismatch must not undo the change it records. */
const CHECK_PAYLOADS = isTestRun();

export async function recordAuditEvents(db: TDb, events: TAuditEventInput[]): Promise<void> {
  await bulkInsert(db, 'AuditEvent', AUDIT_COLUMNS, events.map(auditRow));
}

/**
 * recordAuditEvents's INSERT, to be sent inside a larger statement of the same transaction (a data-
 * modifying CTE: a submission writes its request and the request's event in one round trip). The rows
 * are checked and stored exactly as recordAuditEvents stores them.
 */
export function auditEventsSql(events: TAuditEventInput[]): Prisma.Sql {
  return bulkInsertSql('AuditEvent', AUDIT_COLUMNS, events.map(auditRow));
}

function auditRow(e: TAuditEventInput): unknown[] {
  const stored = {
    before: toPlainJson(e.before),
    after: toPlainJson(e.after),
    // Whatever a person does through an API token carries the token (docs/decisions/070).
    metadata: toPlainJson({
      ...e.metadata,
      ...(e.applicationId ? { applicationId: e.applicationId } : {}),
      ...(e.actor.kind === 'USER' && e.actor.apiToken ? { apiTokenId: e.actor.apiToken.id } : {}),
      // And whatever they do from Slack says so (docs/decisions/072).
      ...(e.actor.kind === 'USER' && e.actor.channel ? { channel: e.actor.channel } : {}),
    }),
  };
  if (CHECK_PAYLOADS) {
    const problem = auditPayloadProblem(e.action, stored);
    if (problem) throw new Error(`audit event ${e.action}: ${problem}`);
  }
  return [
    e.actor.kind === 'USER' ? e.actor.identityId : null,
    e.actor.kind === 'USER' ? 'USER' : e.actor.name,
    e.action,
    e.entityType,
    e.entityId,
    e.subjectId ?? null,
    stored.before,
    stored.after,
    stored.metadata,
  ];
}
