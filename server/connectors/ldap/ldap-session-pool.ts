import { Client, InsufficientAccessError } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { TLdapConfig, TLdapSecrets } from './ldap-config.ts';
import { toConnectorError } from './ldap-errors.ts';

type TSlot = { client: Client | null; binding: Promise<Client> | null };

/**
 * A few bound connections used round-robin. A client is only ever used after an explicit bind on
 * its current socket: ldapts reconnects silently after a drop, and an unbound reconnect would turn a
 * directory restart into "insufficient access", a permanent error. So a dropped client is thrown
 * away, and an access error is retried once on a freshly bound one before it is believed.
 */
export class LdapSessionPool {
  private readonly slots: TSlot[];
  private next = 0;

  constructor(
    private readonly config: TLdapConfig,
    private readonly secrets: TLdapSecrets,
  ) {
    this.slots = Array.from({ length: config.poolSize }, () => ({ client: null, binding: null }));
  }

  /** Runs `fn` on a bound connection; `fn` must be idempotent, as it may run twice. */
  async run<T>(context: string, fn: (client: Client) => Promise<T>): Promise<T> {
    const slot = this.slots[this.next++ % this.slots.length]!;
    try {
      return await fn(await this.bound(slot));
    } catch (error) {
      if (!(error instanceof InsufficientAccessError)) throw await this.classify(slot, error, context);
      await this.discard(slot);
      try {
        return await fn(await this.bound(slot));
      } catch (again) {
        throw await this.classify(slot, again, context);
      }
    }
  }

  /** A connection that failed in a way worth retrying is not trusted again. */
  private async classify(slot: TSlot, error: unknown, context: string) {
    const classified = toConnectorError(error, context);
    if (classified.isRetryable) await this.discard(slot);
    return classified;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.discard(s)));
  }

  private tlsOptions(): ConnectionOptions {
    return {
      rejectUnauthorized: this.config.tls.rejectUnauthorized,
      ...(this.config.tls.caCertPem ? { ca: [this.config.tls.caCertPem] } : {}),
    };
  }

  private async bound(slot: TSlot): Promise<Client> {
    if (slot.client?.isConnected && slot.client.isBound) return slot.client;
    if (slot.client) await this.discard(slot);
    slot.binding ??= (async () => {
      const client = await this.connect(this.config.bindDn, this.secrets.bindPassword);
      slot.client = client;
      return client;
    })().finally(() => {
      slot.binding = null;
    });
    return slot.binding;
  }

  /**
   * Runs `fn` on a connection of its own, bound as someone else (an account holder changing their own
   * password, so the directory applies its policy to them). Never pooled, closed afterwards. Errors
   * are left as the directory gave them: the caller decides what a refused bind means.
   */
  async asUser<T>(dn: string, password: string, fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.connect(dn, password);
    try {
      return await fn(client);
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  private async connect(dn: string, password: string): Promise<Client> {
    const client = new Client({
      url: this.config.url,
      timeout: this.config.timeoutMs,
      connectTimeout: Math.min(this.config.timeoutMs, 5000),
      tlsOptions: this.config.url.startsWith('ldaps:') ? this.tlsOptions() : undefined,
      strictDN: true,
    });
    try {
      if (this.config.tls.startTls) await client.startTLS(this.tlsOptions());
      await client.bind(dn, password);
    } catch (error) {
      await client.unbind().catch(() => {});
      throw error;
    }
    return client;
  }

  private async discard(slot: TSlot) {
    const client = slot.client;
    slot.client = null;
    if (client) await client.unbind().catch(() => {});
  }
}
