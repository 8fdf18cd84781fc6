import type { TUserActor } from '@/server/auth/actor.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import { isPasswordRefused } from '@/server/connectors/sdk/password.ts';
import { withAdvisoryLock } from '@/server/db/advisory-lock.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { countRecentAttempts, PASSWORD_ATTEMPTS } from './password-attempts.ts';
import { loadPasswordTarget, type TPasswordTarget } from './password-target.ts';

export type TSetOwnPasswordInput = { applicationId: string; currentPassword: string; newPassword: string };
type TCause = 'CURRENT_PASSWORD' | 'POLICY' | 'RATE_LIMITED';

/**
 * A person sets a new password for their own account in a directory (docs/decisions/068), proving
 * the current one: the connector changes it as the account, so the directory enforces its own policy
 * and hashes it. Synchronous, through the connector: the password is never stored, queued, logged or
 * audited; the audit trail says that it changed, or why not. At most PASSWORD_ATTEMPTS per person in
 * the window, taken in turn (an advisory lock per person), so a stolen session cannot guess.
 */
export async function setOwnPassword(
  db: TPrisma,
  actor: TUserActor,
  input: TSetOwnPasswordInput,
  deps: { secretKey: () => Buffer },
): Promise<{ changed: true }> {
  return withAdvisoryLock(
    db,
    `password:${actor.identityId}`,
    async () => {
      if ((await countRecentAttempts(db, actor.identityId)) >= PASSWORD_ATTEMPTS.max) {
        const message = `Too many password changes in the last ${PASSWORD_ATTEMPTS.windowMinutes} minutes: wait a while and try again`;
        await recordRefusal(db, actor, null, input.applicationId, 'RATE_LIMITED', message);
        throw new AppError('RATE_LIMITED', message);
      }
      const target = await loadPasswordTarget(
        db,
        { identityId: actor.identityId, applicationId: input.applicationId },
        'password.set',
        deps.secretKey(),
      );
      try {
        await target.connector.setPassword!(
          { nativeId: target.account.nativeId, username: target.account.username },
          input.newPassword,
          { currentPassword: input.currentPassword },
        );
      } catch (error) {
        if (!isPasswordRefused(error))
          throw new AppError(
            'TARGET_UNAVAILABLE',
            `${target.application.name} could not change the password: ${classifyError(error).message}`,
          );
        const cause: TCause = error.refusal === 'currentPassword' ? 'CURRENT_PASSWORD' : 'POLICY';
        await recordRefusal(db, actor, target, input.applicationId, cause, error.message);
        throw new AppError('INVALID_INPUT', error.message, {
          field: cause === 'CURRENT_PASSWORD' ? 'currentPassword' : 'newPassword',
        });
      } finally {
        await target.connector.close().catch(() => {});
      }
      await recordAuditEvent(db, {
        actor,
        action: 'identity.password_changed',
        entityType: 'Identity',
        entityId: actor.identityId,
        subjectId: actor.identityId,
        applicationId: target.application.id,
        metadata: { application: target.application.name, username: target.account.username },
      });
      return { changed: true as const };
    },
    { timeoutMs: 60_000 },
  );
}

/** A refused attempt, on its own (nothing else is written): the directory's reason, never the password. */
function recordRefusal(
  db: TPrisma,
  actor: TUserActor,
  target: TPasswordTarget | null,
  applicationId: string,
  cause: TCause,
  reason: string,
) {
  return recordAuditEvent(db, {
    actor,
    action: 'identity.password_change_refused',
    entityType: 'Identity',
    entityId: actor.identityId,
    subjectId: actor.identityId,
    applicationId,
    metadata: {
      application: target?.application.name ?? null,
      username: target?.account.username ?? null,
      cause,
      reason,
    },
  });
}
