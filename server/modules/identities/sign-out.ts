import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { endSessions } from './end-sessions.ts';
import { loadActor } from '@/server/auth/load-actor.ts';

/**
 * Signing out ends the person's sessions on the server, not only the cookie in this browser: a copy
 * of the cookie (another tab, a stolen one) stops working too. A session that had already ended
 * changes nothing, so replaying an old cookie's sign-out cannot end newer sessions.
 */
export async function signOut(db: TDb, identityId: string, sessionVersion: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ${identityId}::uuid FOR UPDATE`;
    const actor = await loadActor(tx, identityId, sessionVersion);
    if (!actor) return;
    await endSessions(tx, [identityId]);
    await recordAuditEvent(tx, {
      actor,
      action: 'session.signed_out',
      entityType: 'Identity',
      entityId: identityId,
      subjectId: identityId,
    });
  });
}
