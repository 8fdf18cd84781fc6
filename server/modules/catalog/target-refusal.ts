import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import { AppError } from '@/server/lib/app-error.ts';

/**
 * Why an application's target could not be asked, as the admin should read it. Settings that are
 * broken or incomplete (a missing base URL, a secret that is not there, a credential the target
 * refuses) are not an outage: trying again changes nothing until someone fixes them, so they are
 * PRECONDITION_FAILED naming the setting, whatever the connector. Only a target that does not answer
 * is TARGET_UNAVAILABLE, to try again. Saving an entitlement and reading the target's list say it alike.
 */
export function targetRefusal(error: unknown, words: { needsFixing: string; unavailable: string }): AppError {
  const cause = classifyError(error);
  return cause.kind === 'invalidConfig'
    ? new AppError('PRECONDITION_FAILED', `${words.needsFixing}: ${cause.message}`, {
        field: 'applicationId',
      })
    : new AppError('TARGET_UNAVAILABLE', `${words.unavailable}: ${cause.message}`);
}
