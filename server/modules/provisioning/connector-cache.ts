import { createConnector, type TApplicationConnection } from '@/server/connectors/registry.ts';
import type { TConnector } from '@/server/connectors/sdk/connector.ts';
import { CallLimiter } from './call-limiter.ts';

type TCachedConnector = { version: number; connector: TConnector };

/**
 * One connector (and its connection pool) per application per worker, rebuilt when the
 * application's settings change.
 */
export class ConnectorCache {
  private readonly entries = new Map<string, TCachedConnector>();
  /** Connector calls in flight per application in this process: its concurrency setting. */
  readonly calls = new CallLimiter();

  constructor(private readonly secretKey: Buffer) {}

  get(app: TApplicationConnection & { id: string; updatedAt: Date }): TConnector {
    const version = app.updatedAt.getTime();
    const cached = this.entries.get(app.id);
    if (cached && cached.version === version) return cached.connector;
    if (cached) void cached.connector.close();
    const connector = createConnector(app, this.secretKey);
    this.entries.set(app.id, { version, connector });
    return connector;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.connector.close()));
    this.entries.clear();
  }
}
