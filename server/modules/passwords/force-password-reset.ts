import type { TUserActor } from '@/server/auth/actor.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { loadPasswordTarget, type TPasswordTarget } from './password-target.ts';

/**
 * The identity team makes a person choose a new password for their directory account at their next
 * sign-in (ppolicy's pwdReset), with a reason for the audit trail. Where the target cannot (a
 * connector without the capability, a directory whose policy would ignore the flag) it says so and
 * nothing changes. Not on oneself: that is changing one's own password.
 */
export async function forcePasswordReset(
  db: TPrisma,
  actor: TUserActor,
  input: { identityId: string; applicationId: string; reason: string },
  deps: { secretKey: () => Buffer },
): Promise<{ outcome: 'applied' | 'noop' }> {
  if (input.identityId === actor.identityId)
    throw new AppError(
      'FORBIDDEN',
      'You cannot force a password reset on yourself: set a new password from My access',
    );
  const reason = input.reason.trim();
  if (!reason) throw new AppError('INVALID_INPUT', 'Say why', { field: 'reason' });
  const target = await loadPasswordTarget(db, input, 'password.forceReset', deps.secretKey());
  const outcome = await resetIn(target);
  await recordAuditEvent(db, {
    actor,
    action: 'identity.password_reset_forced',
    entityType: 'Identity',
    entityId: input.identityId,
    subjectId: input.identityId,
    applicationId: target.application.id,
    metadata: { application: target.application.name, username: target.account.username, reason, outcome },
  });
  return { outcome };
}

async function resetIn(target: TPasswordTarget): Promise<'applied' | 'noop'> {
  try {
    return (
      await target.connector.forcePasswordReset!({
        nativeId: target.account.nativeId,
        username: target.account.username,
      })
    ).outcome;
  } catch (error) {
    const e = classifyError(error);
    if (e.kind === 'unsupported')
      throw new AppError('PRECONDITION_FAILED', `${target.application.name}: ${e.message}`);
    throw new AppError(
      'TARGET_UNAVAILABLE',
      `${target.application.name} could not force a password reset: ${e.message}`,
    );
  } finally {
    await target.connector.close().catch(() => {});
  }
}
