import type { TDb } from '@/server/db/client.ts';
import type { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import { checkDatabaseRole, type TDatabaseRoleCheck } from './check-database-role.ts';

type TDirectoryHealth = { application: string; ok: boolean; message: string };

export type THealth = {
  status: 'ok' | 'degraded' | 'down';
  /** `role`: whether the portal's connection could rewrite the audit log (asked once per process). */
  database: { ok: boolean; error?: string; role?: TDatabaseRoleCheck };
  worker: { ok: boolean; lastSeenAt: string | null; workers: number };
  directories: TDirectoryHealth[];
  /** When the directories were last asked (their answers are cached). */
  directoriesCheckedAt: string | null;
};

/** What anyone may see: whether the portal is up, nothing about where its parts are. */
export type TPublicHealth = Pick<THealth, 'status'>;

const WORKER_STALE_MS = 30_000;
const DIRECTORY_TTL_MS = 30_000;
const DIRECTORY_TIMEOUT_MS = 3000;

/**
 * Database, worker heartbeat and each LDAP directory. The directories are asked at most once per
 * `directoryTtlMs` per process (and once at a time), whoever polls: a health URL must not let
 * anyone make Gatehouse bind to every directory on demand.
 */
export function createHealthCheck(connectors: ConnectorCache, options: { directoryTtlMs?: number } = {}) {
  const ttl = options.directoryTtlMs ?? DIRECTORY_TTL_MS;
  let cached: { key: string; at: number; directories: Promise<TDirectoryHealth[]> } | undefined;
  // Roles change with a redeploy, not while the process runs. The launcher asks /api/health as
  // soon as the web app is up, so the warning shows in its output at start.
  let role: Promise<TDatabaseRoleCheck> | undefined;

  return async function getHealth(db: TDb, now = new Date()): Promise<THealth> {
    try {
      await db.$queryRaw`SELECT 1`;
    } catch (error) {
      return {
        status: 'down',
        database: { ok: false, error: (error as Error).message },
        worker: { ok: false, lastSeenAt: null, workers: 0 },
        directories: [],
        directoriesCheckedAt: null,
      };
    }
    const roleCheck = (role ??= checkDatabaseRole(db).then((check) => {
      if (check.warning) console.warn(`[health] ${check.warning}`);
      return check;
    }));
    // Asked again next time if it failed.
    roleCheck.catch(() => (role = undefined));
    const beats = await db.workerHeartbeat.findMany({
      where: { lastSeenAt: { gt: new Date(now.getTime() - WORKER_STALE_MS) } },
      orderBy: { lastSeenAt: 'desc' },
    });
    const apps = await db.application.findMany({
      where: { connectorType: 'LDAP', enabled: true },
      select: { id: true, name: true, connectorType: true, config: true, secrets: true, updatedAt: true },
      orderBy: { name: 'asc' },
    });
    // A changed setting (or a new directory) is asked at once, not after the cache runs out.
    const key = apps.map((a) => `${a.id}@${a.updatedAt.getTime()}`).join(',');
    if (!cached || cached.key !== key || now.getTime() - cached.at >= ttl) {
      cached = {
        key,
        at: now.getTime(),
        directories: Promise.all(apps.map((app) => askDirectory(connectors, app))),
      };
    }
    const directories = await cached.directories;
    const workerOk = beats.length > 0;
    const healthy = workerOk && directories.every((d) => d.ok);
    return {
      status: healthy ? 'ok' : 'degraded',
      database: { ok: true, role: await roleCheck.catch(() => undefined) },
      worker: { ok: workerOk, lastSeenAt: beats[0]?.lastSeenAt.toISOString() ?? null, workers: beats.length },
      directories,
      directoriesCheckedAt: new Date(cached.at).toISOString(),
    };
  };
}

async function askDirectory(
  connectors: ConnectorCache,
  app: Parameters<ConnectorCache['get']>[0] & { name: string },
): Promise<TDirectoryHealth> {
  try {
    const result = await withTimeout(connectors.get(app).testConnection(), DIRECTORY_TIMEOUT_MS);
    return { application: app.name, ok: result.ok, message: result.message };
  } catch (error) {
    return { application: app.name, ok: false, message: `unreachable: ${(error as Error).message}` };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
