import type { TDb } from '@/server/db/client.ts';
import type { ConnectorCache } from '@/server/modules/provisioning/connector-cache.ts';

export type THealth = {
  status: 'ok' | 'degraded' | 'down';
  database: { ok: boolean; error?: string };
  worker: { ok: boolean; lastSeenAt: string | null; workers: number };
  directories: Array<{ application: string; ok: boolean; message: string }>;
};

const WORKER_STALE_MS = 30_000;

/** Database, worker heartbeat and each LDAP directory, each with a short timeout. */
export async function getHealth(db: TDb, connectors: ConnectorCache, now = new Date()): Promise<THealth> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    return { status: 'down', database: { ok: false, error: (error as Error).message }, worker: { ok: false, lastSeenAt: null, workers: 0 }, directories: [] };
  }
  const beats = await db.workerHeartbeat.findMany({ where: { lastSeenAt: { gt: new Date(now.getTime() - WORKER_STALE_MS) } }, orderBy: { lastSeenAt: 'desc' } });
  const apps = await db.application.findMany({
    where: { connectorType: 'LDAP', enabled: true },
    select: { id: true, name: true, connectorType: true, config: true, secrets: true, updatedAt: true },
  });
  const directories = await Promise.all(
    apps.map(async (app) => {
      try {
        const result = await withTimeout(connectors.get(app).testConnection(), 3000);
        return { application: app.name, ok: result.ok, message: result.message };
      } catch (error) {
        return { application: app.name, ok: false, message: `unreachable: ${(error as Error).message}` };
      }
    }),
  );
  const workerOk = beats.length > 0;
  const healthy = workerOk && directories.every((d) => d.ok);
  return {
    status: healthy ? 'ok' : 'degraded',
    database: { ok: true },
    worker: { ok: workerOk, lastSeenAt: beats[0]?.lastSeenAt.toISOString() ?? null, workers: beats.length },
    directories,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);
}
