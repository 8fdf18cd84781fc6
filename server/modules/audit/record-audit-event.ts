import type { TActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { toAuditJson } from './audit-json.ts';
import type { Prisma } from '@/server/db/client.ts';

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

export async function recordAuditEvents(db: TDb, events: TAuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.auditEvent.createMany({
    data: events.map((e) => ({
      actorId: e.actor.kind === 'USER' ? e.actor.identityId : null,
      actorType: e.actor.kind === 'USER' ? 'USER' : e.actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      subjectId: e.subjectId ?? null,
      before: toAuditJson(e.before),
      after: toAuditJson(e.after),
      metadata: (e.metadata ? toAuditJson(e.metadata) : {}) as Prisma.InputJsonValue,
    })),
  });
}
