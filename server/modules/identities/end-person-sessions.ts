import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { revokeTokensOf } from '@/server/modules/api-tokens/index.ts';
import { endSessions } from './end-sessions.ts';

/**
 * The identity team signs a person out everywhere (a lost laptop, a stolen cookie). Their own
 * sessions they end by signing out, which does the same; refusing it here keeps an admin from
 * cutting off the page they are on by mistake. Their API tokens (their own and the service accounts
 * they sponsor) are revoked too: a lost laptop holds those as well.
 */
export async function endPersonSessions(
  db: TDb,
  actor: TUserActor,
  input: { identityId: string },
): Promise<{ sessionsEnded: true }> {
  if (input.identityId === actor.identityId) {
    throw new AppError('INVALID_INPUT', 'To end your own sessions, sign out: that ends them everywhere', {
      field: 'identityId',
    });
  }
  return inTransaction(db, async (tx) => {
    const person = await tx.identity.findUnique({ where: { id: input.identityId }, select: { id: true } });
    if (!person) throw new AppError('NOT_FOUND', 'No such person');
    await endSessions(tx, [person.id]);
    await revokeTokensOf(tx, actor, person.id, new Date());
    await recordAuditEvent(tx, {
      actor,
      action: 'identity.sessions_ended',
      entityType: 'Identity',
      entityId: person.id,
      subjectId: person.id,
      metadata: { reason: 'ADMIN' },
    });
    return { sessionsEnded: true as const };
  });
}
