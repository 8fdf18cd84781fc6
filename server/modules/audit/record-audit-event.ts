import type { TActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { bulkInsert } from '@/server/db/bulk-insert.ts';
import { toPlainJson } from './audit-json.ts';

export type TAuditEventInput = {
  actor: TActor;
  /** dotted verb: request.created, approval.decided, grant.revoked, provisioning.failed ... */
  action: string;
  entityType: string;
  entityId: string;
  /** The person the event is about. */
  subjectId?: string | null;
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

export async function recordAuditEvents(db: TDb, events: TAuditEventInput[]): Promise<void> {
  await bulkInsert(
    db,
    'AuditEvent',
    AUDIT_COLUMNS,
    events.map((e) => [
      e.actor.kind === 'USER' ? e.actor.identityId : null,
      e.actor.kind === 'USER' ? 'USER' : e.actor.name,
      e.action,
      e.entityType,
      e.entityId,
      e.subjectId ?? null,
      toPlainJson(e.before),
      toPlainJson(e.after),
      toPlainJson(e.metadata ?? {}),
    ]),
  );
}
