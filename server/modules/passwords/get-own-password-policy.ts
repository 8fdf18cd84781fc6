import type { TUserActor } from '@/server/auth/actor.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TPasswordPolicyView } from '@/server/shared/password-policy-words.ts';
import { loadPasswordTarget } from './password-target.ts';

/**
 * The password rules of the person's own account in an application, read from the directory itself
 * when the form opens (the directory enforces them; Gatehouse only shows them). Null: the directory
 * names no policy for the account.
 */
export async function getOwnPasswordPolicy(
  db: TDb,
  actor: TUserActor,
  input: { applicationId: string },
  deps: { secretKey: () => Buffer },
): Promise<{
  application: { id: string; name: string };
  username: string;
  policy: TPasswordPolicyView | null;
}> {
  const target = await loadPasswordTarget(
    db,
    { identityId: actor.identityId, applicationId: input.applicationId },
    'password.set',
    deps.secretKey(),
  );
  try {
    const policy = await target.connector.readPasswordPolicy!({
      nativeId: target.account.nativeId,
      username: target.account.username,
    });
    return {
      application: target.application,
      username: target.account.username,
      policy: policy && {
        minLength: policy.minLength,
        maxLength: policy.maxLength,
        history: policy.history,
        minAgeSeconds: policy.minAgeSeconds,
        maxAgeSeconds: policy.maxAgeSeconds,
        allowsUserChange: policy.allowsUserChange,
        mustChangeAfterReset: policy.mustChangeAfterReset,
      },
    };
  } catch (error) {
    throw new AppError(
      'TARGET_UNAVAILABLE',
      `${target.application.name} could not be asked for its password rules: ${classifyError(error).message}`,
    );
  } finally {
    await target.connector.close().catch(() => {});
  }
}
