import { ConnectorError } from '../sdk/connector-error.ts';
import type { TScimConfig, TScimSecrets } from './scim-config.ts';
import { errorFromResponse, errorFromThrown } from './scim-errors.ts';

export interface TScimAuth {
  authorization(): Promise<string>;
  /** Drops a credential the server refused; true when asking again can give a different one. */
  invalidate(): boolean;
}

const secret = <K extends string>(secrets: TScimSecrets, key: K, authType: string): string => {
  const value = (secrets as Record<string, unknown>)[key];
  if (typeof value !== 'string' || !value)
    throw new ConnectorError('invalidConfig', `SCIM ${authType} authentication needs the secret "${key}"`);
  return value;
};

export function createScimAuth(config: TScimConfig, secrets: TScimSecrets): TScimAuth {
  const auth = config.auth;
  if (auth.type === 'bearer') {
    const header = `Bearer ${secret(secrets, 'token', 'bearer')}`;
    return { authorization: async () => header, invalidate: () => false };
  }
  if (auth.type === 'basic') {
    const pair = `${secret(secrets, 'username', 'basic')}:${secret(secrets, 'password', 'basic')}`;
    const header = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    return { authorization: async () => header, invalidate: () => false };
  }
  return new ClientCredentialsAuth(
    auth,
    secret(secrets, 'clientSecret', 'OAuth client-credentials'),
    config.timeoutMs,
  );
}

type TOAuthSettings = Extract<TScimConfig['auth'], { type: 'oauthClientCredentials' }>;
type TToken = { header: string; expiresAt: number };

/** RFC 6749 §4.4. One token is shared by concurrent requests, and renewed shortly before it expires. */
class ClientCredentialsAuth implements TScimAuth {
  private token: TToken | null = null;
  private pending: Promise<TToken> | null = null;

  constructor(
    private readonly settings: TOAuthSettings,
    private readonly clientSecret: string,
    private readonly timeoutMs: number,
  ) {}

  async authorization(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.header;
    this.pending ??= this.requestToken().finally(() => {
      this.pending = null;
    });
    this.token = await this.pending;
    return this.token.header;
  }

  invalidate(): boolean {
    this.token = null;
    return true;
  }

  private async requestToken(): Promise<TToken> {
    const { tokenUrl, clientId, scope, clientAuth } = this.settings;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) form.set('scope', scope);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (clientAuth === 'basic') {
      // §2.3.1: the id and secret are form-encoded before they are joined.
      const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(this.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', clientId);
      form.set('client_secret', this.clientSecret);
    }
    const context = `OAuth token from ${tokenUrl}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers,
        body: form,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw errorFromThrown(context, error);
    }
    const body = parseJson(text) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
      error_description?: unknown;
    } | null;
    if (!response.ok) {
      // §5.2: invalid_client and friends are wrong settings, not a passing fault.
      if (response.status === 400 || response.status === 401) {
        const reason =
          [body?.error, body?.error_description].filter((x) => typeof x === 'string').join(': ') ||
          text.slice(0, 200);
        throw new ConnectorError('invalidConfig', `${context}: HTTP ${response.status}: ${reason}`);
      }
      throw errorFromResponse(context, response, null, text);
    }
    if (typeof body?.access_token !== 'string' || !body.access_token) {
      throw new ConnectorError('invalidConfig', `${context}: the answer has no access_token`);
    }
    // Some servers send expires_in as a string; none at all means "until refused", renewed hourly.
    const seconds = Number(body.expires_in);
    const lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3_600_000;
    const marginMs = Math.min(30_000, lifetimeMs / 10);
    return { header: `Bearer ${body.access_token}`, expiresAt: Date.now() + lifetimeMs - marginMs };
  }
}

export function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
