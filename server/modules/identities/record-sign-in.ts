import type { TDb } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { loadActor } from '@/server/auth/load-actor.ts';

/**
 * A session was issued: the person signed in (single sign-on or a demo persona). Recorded once, when
 * the session's token is first made, for the session version it carries. Someone who may not act
 * gets no session and no record.
 */
export async function recordSignIn(
  db: TDb,
  input: { identityId: string; sessionVersion: number; method: 'oidc' | 'demo' },
): Promise<void> {
  const actor = await loadActor(db, input.identityId, input.sessionVersion);
  if (!actor) return;
  await recordAuditEvent(db, {
    actor,
    action: 'session.signed_in',
    entityType: 'Identity',
    entityId: actor.identityId,
    subjectId: actor.identityId,
    metadata: { method: input.method },
  });
}
