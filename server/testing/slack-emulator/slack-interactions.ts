import crypto from 'node:crypto';
import type { SlackEmulator, TEmulatedMessage, TEmulatedView } from './slack-emulator.ts';

type TButton = {
  type: 'button';
  action_id: string;
  value?: string;
  text: { type: 'plain_text'; text: string };
  style?: string;
};
type TSignOptions = { signingSecret: string; timestamp?: number; signature?: string };

/**
 * What Slack sends the app's Request URL when a person uses it, built from the emulator's state
 * and posted exactly as Slack posts it: `application/x-www-form-urlencoded` with one field, `payload`,
 * holding the JSON; `X-Slack-Request-Timestamp` and `X-Slack-Signature` (v0, HMAC-SHA256 of
 * `v0:<timestamp>:<body>` with the signing secret).
 */
export class SlackInteractions {
  constructor(
    private readonly slack: SlackEmulator,
    private readonly requestUrl: string,
    private readonly sign: TSignOptions,
  ) {}

  /** The block_actions payload of a click on a message's button (by its action_id). */
  clickPayload(message: TEmulatedMessage, userId: string, actionId: string): Record<string, unknown> {
    const user = this.slack.users.find((u) => u.id === userId);
    const actions = message.blocks.filter(
      (b): b is { type: 'actions'; block_id: string; elements: TButton[] } =>
        (b as { type?: string }).type === 'actions',
    );
    const block = actions.find((b) => b.elements.some((e) => e.action_id === actionId));
    const button = block?.elements.find((e) => e.action_id === actionId);
    if (!block || !button) throw new Error(`the message has no button ${actionId}`);
    return {
      type: 'block_actions',
      user: {
        id: userId,
        username: user?.name ?? 'someone',
        name: user?.name ?? 'someone',
        team_id: this.slack.teamId,
      },
      api_app_id: this.slack.appId,
      token: 'deprecated-verification-token',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: this.slack.issueTrigger(userId),
      team: { id: this.slack.teamId, domain: 'acme' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: message.channel, name: 'directmessage' },
      message: {
        type: 'message',
        ts: message.ts,
        text: message.text,
        blocks: message.blocks,
        app_id: this.slack.appId,
      },
      state: { values: {} },
      response_url: `https://hooks.slack.com/actions/${this.slack.teamId}/1/${crypto.randomBytes(8).toString('hex')}`,
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: block.block_id,
          text: button.text,
          value: button.value,
          style: button.style,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
  }

  /** The view_submission payload of an opened modal, with what the person typed into its inputs (block_id → value). */
  submitPayload(opened: TEmulatedView, values: Record<string, string>): Record<string, unknown> {
    const blocks =
      (opened.view.blocks as Array<{
        type: string;
        block_id?: string;
        element?: { action_id: string; type: string };
      }>) ?? [];
    const state: Record<string, Record<string, { type: string; value: string }>> = {};
    for (const b of blocks) {
      if (b.type !== 'input' || !b.block_id || !b.element) continue;
      state[b.block_id] = {
        [b.element.action_id]: { type: b.element.type, value: values[b.block_id] ?? '' },
      };
    }
    return {
      type: 'view_submission',
      team: { id: this.slack.teamId, domain: 'acme' },
      user: { id: opened.user, team_id: this.slack.teamId },
      api_app_id: this.slack.appId,
      token: 'deprecated-verification-token',
      trigger_id: this.slack.issueTrigger(opened.user),
      view: {
        id: opened.id,
        team_id: this.slack.teamId,
        ...opened.view,
        state: { values: state },
        hash: crypto.randomBytes(6).toString('hex'),
        app_id: this.slack.appId,
      },
      response_urls: [],
    };
  }

  /** Posts a payload to the portal as Slack does; options change the signing (an old timestamp, a wrong signature). */
  async post(payload: unknown, options: Partial<TSignOptions> = {}): Promise<Response> {
    const { body, headers } = this.signed(payload, options);
    return fetch(this.requestUrl, { method: 'POST', headers, body });
  }

  /** The exact body and headers of a signed delivery, to send again (a replay). */
  signed(
    payload: unknown,
    options: Partial<TSignOptions> = {},
  ): { body: string; headers: Record<string, string> } {
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const secret = options.signingSecret ?? this.sign.signingSecret;
    const signature =
      options.signature ??
      `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      },
    };
  }
}
