import { LogLevel, WebClient, type Block, type KnownBlock, type View } from '@slack/web-api';
import { AppError } from '@/server/lib/app-error.ts';
import type { TSlackConfig } from './slack-settings.ts';

export type TSlackBlocks = Array<Block | KnownBlock>;

/**
 * The Slack Web API methods Gatehouse calls, and nothing else (the emulator in server/testing
 * implements exactly these): users.lookupByEmail, chat.postMessage, chat.update, chat.postEphemeral,
 * views.open. The bot token never leaves the server; the base URL is the setting's.
 */
export type TSlackApi = {
  lookupUserByEmail(email: string): Promise<string | null>;
  postMessage(channel: string, text: string, blocks: TSlackBlocks): Promise<{ channel: string; ts: string }>;
  updateMessage(channel: string, ts: string, text: string, blocks: TSlackBlocks): Promise<void>;
  postEphemeral(channel: string, user: string, text: string): Promise<void>;
  openView(triggerId: string, view: View): Promise<void>;
};

/** The Web API with the bot token: errors are thrown (the caller's job retries); none is retried here. */
export function createSlackApi(config: Pick<TSlackConfig, 'apiUrl' | 'botToken'>): TSlackApi {
  if (!config.botToken)
    throw new AppError('PRECONDITION_FAILED', 'Slack has no bot token: set it in Settings');
  const apiUrl = config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`;
  const client = new WebClient(config.botToken, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    timeout: 10_000,
    allowAbsoluteUrls: false,
  });
  return {
    async lookupUserByEmail(email) {
      try {
        const found = await client.users.lookupByEmail({ email });
        return found.user?.id ?? null;
      } catch (error) {
        if (platformError(error) === 'users_not_found') return null;
        throw error;
      }
    },
    async postMessage(channel, text, blocks) {
      const posted = await client.chat.postMessage({ channel, text, blocks });
      if (!posted.channel || !posted.ts) throw new Error('chat.postMessage answered without channel and ts');
      return { channel: posted.channel, ts: posted.ts };
    },
    async updateMessage(channel, ts, text, blocks) {
      await client.chat.update({ channel, ts, text, blocks });
    },
    async postEphemeral(channel, user, text) {
      await client.chat.postEphemeral({ channel, user, text });
    },
    async openView(triggerId, view) {
      try {
        await client.views.open({ trigger_id: triggerId, view });
      } catch (error) {
        // A trigger lives 3 seconds and opens one dialog: an expired or used one is the person's to retry.
        const code = platformError(error);
        if (code === 'expired_trigger_id' || code === 'invalid_trigger_id' || code === 'exchanged_trigger_id')
          throw new AppError(
            'INVALID_INPUT',
            'Slack took too long to open the reason dialog: press Deny again.',
          );
        throw error;
      }
    },
  };
}

/** The `error` of a Web API answer with `ok: false` (e.g. users_not_found), else null. */
export function platformError(error: unknown): string | null {
  const data = (error as { code?: string; data?: { error?: unknown } } | null)?.data;
  return (error as { code?: string } | null)?.code === 'slack_webapi_platform_error' &&
    typeof data?.error === 'string'
    ? data.error
    : null;
}
