import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TSlackEmulatorUser = { id: string; email: string; name: string };
export type TEmulatedMessage = {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  user: string;
  updates: number;
};
export type TEmulatedView = { id: string; triggerId: string; user: string; view: Record<string, unknown> };
export type TEmulatedEphemeral = { channel: string; user: string; text: string };
export type TEmulatorCall = { method: string; ok: boolean; error?: string };

type TAnswer = Record<string, unknown> & { ok: boolean };
type TArgs = Record<string, unknown>;

/**
 * A local stand-in for one Slack workspace's Web API, serving exactly the methods Gatehouse calls
 * (no Slack workspace is reachable from these machines): users.lookupByEmail, chat.postMessage,
 * chat.update, chat.postEphemeral and views.open, at /api/<method>, with Slack's answers: HTTP 200
 * and `{ ok: true, … }` or `{ ok: false, error }` (invalid_auth, not_authed, users_not_found,
 * channel_not_found, no_text, message_not_found, invalid_trigger_id, expired_trigger_id…). Arguments
 * come as Slack accepts them: form-encoded (objects such as `blocks` as JSON text) or a JSON body; the
 * bot token as `Authorization: Bearer`. A bot's message to a user id goes to their direct-message
 * channel (D…), whose id the answer gives. Trigger ids are issued by interactions (slack-interactions.ts)
 * and open one view each.
 */
export class SlackEmulator {
  readonly users: TSlackEmulatorUser[] = [];
  readonly messages: TEmulatedMessage[] = [];
  readonly views: TEmulatedView[] = [];
  readonly ephemerals: TEmulatedEphemeral[] = [];
  readonly calls: TEmulatorCall[] = [];
  readonly teamId = 'T0GATEHSE';
  readonly appId = 'A0GATEHSE';
  private readonly triggers = new Map<string, { user: string; used: boolean }>();
  private server: http.Server | null = null;
  private port = 0;
  private tsCounter = 0;

  constructor(readonly botToken: string) {}

  static async start(options: { botToken: string; users?: TSlackEmulatorUser[] }): Promise<SlackEmulator> {
    const emulator = new SlackEmulator(options.botToken);
    emulator.users.push(...(options.users ?? []));
    await emulator.listen();
    return emulator;
  }

  /** The Web API base URL, as Gatehouse's setting takes it. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  addUser(user: TSlackEmulatorUser): TSlackEmulatorUser {
    this.users.push(user);
    return user;
  }

  /** The direct-message channel between the app and a user (what Slack names D…). */
  dmChannelOf(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /** A trigger id, as Slack puts one into each interaction payload; it opens at most one view. */
  issueTrigger(user: string): string {
    const id = `${Date.now()}.${crypto.randomInt(1e9)}.${crypto.randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { user, used: false });
    return id;
  }

  messagesTo(userId: string): TEmulatedMessage[] {
    return this.messages.filter((m) => m.channel === this.dmChannelOf(userId));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = null;
  }

  private async listen(): Promise<void> {
    this.server = http.createServer((req, res) => {
      void this.serve(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = /^\/api\/([a-zA-Z.]+)$/.exec((req.url ?? '').split('?')[0] ?? '')?.[1] ?? '';
    const answer =
      req.method !== 'POST'
        ? { ok: false, error: 'method_not_supported_for_channel_type' }
        : this.answer(method, req.headers, Buffer.concat(chunks).toString('utf8'));
    this.calls.push({ method, ok: answer.ok, ...(answer.ok ? {} : { error: String(answer.error) }) });
    // Slack answers HTTP 200 whether the call succeeded or not; `ok` says which. An unknown method is 404 with unknown_method.
    res.writeHead(answer.error === 'unknown_method' ? 404 : 200, {
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(JSON.stringify(answer));
  }

  private answer(method: string, headers: http.IncomingHttpHeaders, body: string): TAnswer {
    const handler = this.methods[method];
    if (!handler) return { ok: false, error: 'unknown_method' };
    const args = parseArgs(headers['content-type'] ?? '', body);
    const token =
      /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1] ??
      (typeof args.token === 'string' ? args.token : null);
    if (!token) return { ok: false, error: 'not_authed' };
    if (token !== this.botToken) return { ok: false, error: 'invalid_auth' };
    return handler(args);
  }

  private readonly methods: Record<string, (args: TArgs) => TAnswer> = {
    'users.lookupByEmail': (args) => {
      const email = typeof args.email === 'string' ? args.email.toLowerCase() : '';
      if (!email) return { ok: false, error: 'invalid_arguments' };
      const user = this.users.find((u) => u.email.toLowerCase() === email);
      if (!user) return { ok: false, error: 'users_not_found' };
      return {
        ok: true,
        user: {
          id: user.id,
          team_id: this.teamId,
          name: user.name,
          real_name: user.name,
          is_bot: false,
          profile: { email: user.email, real_name: user.name },
        },
      };
    },
    'chat.postMessage': (args) => {
      const channel = this.channelFor(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const blocks = blocksArg(args.blocks);
      if (blocks === undefined) return { ok: false, error: 'invalid_blocks' };
      const text = typeof args.text === 'string' ? args.text : '';
      if (!text && !(blocks ?? []).length) return { ok: false, error: 'no_text' };
      const ts = this.nextTs();
      this.messages.push({ channel, ts, text, blocks: blocks ?? [], user: this.appId, updates: 0 });
      return {
        ok: true,
        channel,
        ts,
        message: { type: 'message', text, blocks: blocks ?? [], ts, bot_id: 'B0GATEHSE', app_id: this.appId },
      };
    },
    'chat.update': (args) => {
      const message = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (message.user !== this.appId) return { ok: false, error: 'cant_update_message' };
      const blocks = blocksArg(args.blocks);
      if (blocks === undefined) return { ok: false, error: 'invalid_blocks' };
      const text = typeof args.text === 'string' ? args.text : message.text;
      message.text = text;
      if (blocks) message.blocks = blocks;
      message.updates += 1;
      return {
        ok: true,
        channel: message.channel,
        ts: message.ts,
        text,
        message: { text, blocks: message.blocks },
      };
    },
    'chat.postEphemeral': (args) => {
      const channel = this.channelFor(args.channel);
      const user = this.users.find((u) => u.id === args.user);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!user) return { ok: false, error: 'user_not_in_channel' };
      const text = typeof args.text === 'string' ? args.text : '';
      if (!text) return { ok: false, error: 'no_text' };
      this.ephemerals.push({ channel, user: user.id, text });
      return { ok: true, message_ts: this.nextTs() };
    },
    'views.open': (args) => {
      const triggerId = typeof args.trigger_id === 'string' ? args.trigger_id : '';
      const trigger = this.triggers.get(triggerId);
      if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
      if (trigger.used) return { ok: false, error: 'expired_trigger_id' };
      const view = jsonArg(args.view);
      if (!view || Array.isArray(view) || typeof view !== 'object')
        return { ok: false, error: 'invalid_arguments' };
      trigger.used = true;
      const id = `V${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
      this.views.push({ id, triggerId, user: trigger.user, view: view as Record<string, unknown> });
      return { ok: true, view: { id, team_id: this.teamId, ...(view as object) } };
    },
  };

  /** A channel id the bot may post to: a user's id (their DM with the app) or that DM's id. */
  private channelFor(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    if (this.users.some((u) => u.id === value)) return this.dmChannelOf(value);
    if (this.users.some((u) => this.dmChannelOf(u.id) === value)) return value;
    return null;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

function parseArgs(contentType: string, body: string): TArgs {
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(body) as TArgs;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/** An argument Slack takes as JSON: given as an object (JSON body) or as JSON text (form); undefined when malformed, null when absent. */
function jsonArg(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** `blocks`: a JSON array (Slack answers invalid_blocks to anything else). */
function blocksArg(value: unknown): unknown[] | null | undefined {
  const parsed = jsonArg(value);
  if (parsed === null) return null;
  return Array.isArray(parsed) ? parsed : undefined;
}
