import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { SLACK_SETTINGS_KEY } from '@/server/modules/approvals/index.ts';
import { loadSlackConfig } from './slack-settings.ts';
import { slackUserFor } from './slack-users.ts';
import { createSlackApi, platformError } from './slack-web-api.ts';

/**
 * "Send test message": the admin gets a direct message from the app, which proves the bot token,
 * the scopes and the mapping by email at once. Works before Slack is turned on, so it can be tried first.
 */
export async function sendSlackTestMessage(
  db: TPrisma,
  actor: TUserActor,
  deps: { secretKey: Buffer; now?: Date },
): Promise<{ slackUserId: string }> {
  const config = await loadSlackConfig(db, deps.secretKey);
  if (!config.botToken) throw new AppError('PRECONDITION_FAILED', 'Set the bot token first');
  const api = createSlackApi(config);
  const me = await db.identity.findUniqueOrThrow({
    where: { id: actor.identityId },
    select: { id: true, email: true },
  });
  try {
    const slackUserId = await slackUserFor(db, api, me, deps.now ?? new Date());
    if (!slackUserId)
      throw new AppError(
        'PRECONDITION_FAILED',
        `Slack has no user with the email ${me.email}: Gatehouse finds people in Slack by their confirmed email`,
      );
    await api.postMessage(slackUserId, 'Gatehouse can reach you in Slack.', [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Gatehouse can reach you in Slack: approvals will arrive here with Approve and Deny buttons.',
        },
      },
    ]);
    await recordAuditEvent(db, {
      actor,
      action: 'slack.test_message_sent',
      entityType: 'SystemSetting',
      entityId: SLACK_SETTINGS_KEY,
      metadata: { slackUserId },
    });
    return { slackUserId };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = platformError(error);
    // Slack's own answer (invalid_auth, missing_scope…) is what the admin needs to fix the app; nothing secret is in it.
    throw new AppError(
      'TARGET_UNAVAILABLE',
      code ? `Slack refused the call: ${code}` : `Slack could not be reached: ${(error as Error).message}`,
    );
  }
}
