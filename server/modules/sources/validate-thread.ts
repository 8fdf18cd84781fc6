import type { MessagePort } from 'node:worker_threads';
import { createPrismaClient, type TPrisma } from '@/server/db/client.ts';
import type { TSourceConfig } from './source-config.ts';
import { sourceReaderFor } from './source-reader-for.ts';
import { validateSource } from './validate-source.ts';
import type { TThreadMessage, TValidationRequest } from './validate-thread-protocol.ts';

/**
 * A validation thread (validate-in-thread.ts): one validation at a time, each on the thread's own
 * connection for the staged file and the stored-hash lookups. Each batch's changed rows are posted
 * as soon as they are known (while no row is fatal), then the result without them.
 */
export function serveValidations(port: MessagePort): void {
  const post = (m: TThreadMessage) => port.postMessage(m);
  const clients = new Map<string, TPrisma>();
  port.on('message', (request: TValidationRequest) => {
    void (async () => {
      try {
        let db = clients.get(request.databaseUrl);
        if (!db) clients.set(request.databaseUrl, (db = createPrismaClient(request.databaseUrl, { max: 1 })));
        const config = request.config as TSourceConfig;
        const read = sourceReaderFor(db, request.run, config, { secretKey: Buffer.from(request.secretKey) });
        const v = await validateSource(db, { id: request.run.source.id, config }, read, {
          now: new Date(request.now),
          // Every changed row goes to the main thread, which keeps what it must.
          changedInMemoryLimit: Number.MAX_SAFE_INTEGER,
          offerChanged: (records) => {
            post({ kind: 'changed', records });
            return [];
          },
        });
        post({ kind: 'done', validation: { ...v, changed: [], seen: config.snapshot ? v.seen : new Set() } });
      } catch (error) {
        post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  post({ kind: 'ready' });
}
