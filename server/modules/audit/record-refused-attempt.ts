import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { recordAuditEvent } from './record-audit-event.ts';

export type TRefusedAttempt = {
  /** What was asked: a tRPC procedure path (`auditLog.list`) or an HTTP route (`GET /api/reports/x/export`). */
  procedure: string;
  /** The permission it needs, when that was the reason; null for an object-level refusal. */
  permission: string | null;
  /** The domain code of the refusal (FORBIDDEN, NOT_ASSIGNED_APPROVER…). */
  code: string;
  reason: string;
};

/**
 * A signed-in person was refused something (a 403): one row, written on its own (never in the
 * transaction that failed, so it stays). Anonymous callers (401) are not recorded: that is noise the
 * audit trail cannot attribute to anyone. A failure to record is logged and does not change the answer.
 */
export async function recordRefusedAttempt(
  db: TDb,
  actor: TUserActor,
  attempt: TRefusedAttempt,
): Promise<void> {
  try {
    await recordAuditEvent(db, {
      actor,
      action: 'access.refused',
      entityType: 'Procedure',
      entityId: attempt.procedure.slice(0, 200),
      subjectId: actor.identityId,
      metadata: {
        procedure: attempt.procedure.slice(0, 200),
        permission: attempt.permission,
        code: attempt.code,
        reason: attempt.reason.slice(0, 500),
      },
    });
  } catch (error) {
    console.error('[audit] could not record a refused attempt', error);
  }
}
