import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrismaClient, type TPrisma } from '../../server/db/client.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import { startEmbeddedPostgres, type TEmbeddedPostgres } from '../../server/infra/embedded-postgres.ts';
import { startSlapd, type TSlapd } from '../../server/infra/slapd.ts';
import { createBoss, ensureQueues } from '../../server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '../../server/queue/enqueue.ts';
import { createQueueAdmin } from '../../server/queue/queue-admin.ts';
import { loadActor } from '../../server/auth/load-actor.ts';
import { createScimToken, ensureDefaultScimSource } from '../../server/modules/scim-server/index.ts';
import { handleScimRequest } from '../../server/scim/handle-scim-request.ts';
import { createCaller } from '../../server/trpc/root.ts';
import type { PgBoss } from 'pg-boss';

/**
 * BENCH_AUTO_EXPLAIN=DIR: the server logs every statement over 60 ms with its plan as it ran (timings,
 * triggers such as foreign-key checks, buffers) to DIR/pg.log, for finding where a bench's database
 * time goes. It slows what it measures: figures from such a run are for reading, not recording.
 */
const AUTO_EXPLAIN = process.env.BENCH_AUTO_EXPLAIN;

/**
 * BENCH_PG_SETTINGS="name=value name=value": server settings on top of the embedded defaults, for a
 * bench run at tuned settings beside one at the settings the product ships with (the 2026-12-06
 * evening's WAL settings were tried this way: docs/decisions/102).
 */
const PG_SETTINGS = (process.env.BENCH_PG_SETTINGS ?? '').split(/\s+/).filter(Boolean);

export type TBenchEnv = {
  dir: string;
  databaseUrl: string;
  /** The PostgreSQL server's process id (its CPU time, with its children's). */
  pgPid: number;
  db: TPrisma;
  boss: PgBoss;
  queue: TJobQueue;
  slapd: TSlapd;
  /** Whether `keepIn` held an environment from an earlier run (its data is as that run left it). */
  reused: boolean;
  close: () => Promise<void>;
};

/**
 * A throw-away real PostgreSQL (migrated, with pg-boss) and a real slapd, for a benchmark. With
 * `keepIn`, both live in that folder and stay there after close(): a later run with the same folder
 * starts them again with their data (a benchmark that loads minutes of data loads it once).
 */
export async function startBenchEnv(
  name: string,
  options: {
    keepIn?: string;
    /** Load pg_stat_statements (planning included), for a bench that measures database time: see statementStats. */
    statementStats?: boolean;
  } = {},
): Promise<TBenchEnv> {
  const dir = options.keepIn
    ? path.resolve(options.keepIn)
    : fs.mkdtempSync(path.join(os.tmpdir(), `gatehouse-bench-${name}-`));
  const stateFile = path.join(dir, 'bench-env.json');
  const reused = options.keepIn !== undefined && fs.existsSync(stateFile);
  if (options.keepIn && !reused) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  const password = reused
    ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { password: string }).password
    : crypto.randomBytes(18).toString('base64url');
  if (AUTO_EXPLAIN) fs.mkdirSync(AUTO_EXPLAIN, { recursive: true });
  const libraries = [
    ...(options.statementStats ? ['pg_stat_statements'] : []),
    ...(AUTO_EXPLAIN ? ['auto_explain'] : []),
  ];
  const cluster: TEmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    password,
    durable: true,
    onLog: AUTO_EXPLAIN
      ? (line: string) => fs.appendFileSync(path.join(AUTO_EXPLAIN, 'pg.log'), line)
      : undefined,
    settings: [
      ...PG_SETTINGS,
      ...(libraries.length ? [`shared_preload_libraries=${libraries.join(',')}`] : []),
      ...(options.statementStats ? ['pg_stat_statements.track_planning=on'] : []),
      ...(AUTO_EXPLAIN
        ? [
            'auto_explain.log_min_duration=60',
            'auto_explain.log_analyze=on',
            'auto_explain.log_triggers=on',
            'auto_explain.log_buffers=on',
          ]
        : []),
    ],
  });
  if (!reused) {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
  }
  const databaseUrl = cluster.url('bench');
  await applyMigrations(databaseUrl);
  if (options.keepIn && !reused) fs.writeFileSync(stateFile, JSON.stringify({ password }));
  if (options.statementStats) {
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    await owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await owner.end();
  }
  const boss = createBoss(databaseUrl, 'setup');
  // An unheard 'error' event ends the process: a connection timeout on a busy machine must not end the run.
  boss.on('error', (error: Error) => console.warn(`[bench] pg-boss: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);
  const slapd = await startSlapd({ dir: path.join(dir, 'ldap') });
  const db = createPrismaClient(databaseUrl, { max: 10 });
  return {
    dir,
    databaseUrl,
    pgPid: cluster.pid,
    db,
    boss,
    queue: createJobQueue(async () => boss),
    slapd,
    reused,
    close: async () => {
      await db.$disconnect();
      await boss.stop({ graceful: false });
      await slapd.stop();
      await cluster.stop();
      if (!options.keepIn) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Replaces the section between `<!-- bench:NAME -->` markers in docs/benchmarks.md (creating it). */
export function recordBenchmark(name: string, markdown: string) {
  const file = path.resolve(import.meta.dirname, '../../docs/benchmarks.md');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  let text = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : "# Benchmarks\n\nFigures measured on the project's own machines (2 cores, 24 GiB), by the `npm run bench:*` scripts, which rewrite their own section.\n";
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text =
    i >= 0 && j > i
      ? text.slice(0, i) + block + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
}

export type TTimed = { p50: number; p95: number };

/**
 * Times `subject` beside `floor` (the raw SQL for the same rows), interleaved and alternating which
 * goes first so both see the same cache and the same load from others on the machine; the first
 * `warmup` rounds are not counted. The ratio of the p95s is what a loaded machine leaves comparable.
 */
export async function timeBeside<T>(
  inputs: readonly T[],
  subject: (x: T) => Promise<unknown>,
  floor: (x: T) => Promise<unknown>,
  warmup = 20,
) {
  const s: number[] = [];
  const f: number[] = [];
  for (let i = -warmup; i < inputs.length; i++) {
    const x = inputs[(i + inputs.length * warmup) % inputs.length]!;
    for (const which of i % 2 === 0 ? (['subject', 'floor'] as const) : (['floor', 'subject'] as const)) {
      const start = performance.now();
      await (which === 'subject' ? subject(x) : floor(x));
      if (i >= 0) (which === 'subject' ? s : f).push(performance.now() - start);
    }
  }
  const stats = (xs: number[]): TTimed => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  const subjectStats = stats(s);
  const floorStats = stats(f);
  return { subject: subjectStats, floor: floorStats, ratio: subjectStats.p95 / floorStats.p95 };
}

export type TStatementStats = { statements: number; dbMs: number };

/**
 * What the server itself spent on this database's statements (planning and execution, as
 * pg_stat_statements counts them; the env must be started with `statementStats`). Read before and
 * after a piece of work, on a connection of its own: the difference is that work's database time and
 * statement count, BEGIN and COMMIT included, without the round trips and the client's own time.
 * Nothing else may query the database meanwhile (a bench's pg-boss runs no maintenance).
 */
export async function openStatementStats(env: TBenchEnv) {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  const read = async (): Promise<TStatementStats> => {
    const { rows } = await client.query<{ statements: string | null; ms: number | null }>(
      `SELECT sum(calls)::text AS statements, sum(total_plan_time + total_exec_time) AS ms
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'`,
    );
    return { statements: Number(rows[0]?.statements ?? 0), dbMs: rows[0]?.ms ?? 0 };
  };
  /**
   * The statements that took the most time since `reset`, with their calls and time; each query is
   * prefixed with the WAL it wrote (records, full-page images, bytes).
   */
  const top = async (limit: number) =>
    (
      await client.query<{ query: string; calls: string; ms: number }>(
        `SELECT format('[wal %s rec, %s fpi, %s] ', wal_records, wal_fpi, pg_size_pretty(wal_bytes)) || query AS query,
                calls::text, total_plan_time + total_exec_time AS ms FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT LIKE '%pg_stat_statements%' ORDER BY ms DESC LIMIT $1`,
        [limit],
      )
    ).rows.map((r) => ({ query: r.query.replace(/\s+/g, ' ').trim(), calls: Number(r.calls), ms: r.ms }));
  return {
    read,
    top,
    reset: () => client.query('SELECT pg_stat_statements_reset()').then(() => undefined),
    /** Runs `fn` and returns its result with the statements and database time it cost. */
    measure: async <T>(fn: () => Promise<T>): Promise<{ result: T } & TStatementStats> => {
      const before = await read();
      const result = await fn();
      const after = await read();
      return { result, statements: after.statements - before.statements, dbMs: after.dbMs - before.dbMs };
    },
    close: () => client.end(),
  };
}

/** The tRPC caller a page uses, signed in as `identityId`: a bench times procedures as pages call them. */
export async function benchCaller(env: TBenchEnv, identityId: string) {
  const actor = await loadActor(env.db, identityId, 0);
  if (!actor) throw new Error(`no actor ${identityId}`);
  const queueAdmin = createQueueAdmin(async () => env.boss);
  return createCaller({ db: env.db, queue: env.queue, queueAdmin, secretKey: () => Buffer.alloc(32), actor });
}

export type TBenchScimResponse = { status: number; body: Record<string, unknown> };

/**
 * An identity provider calling Gatehouse's SCIM endpoint with a fresh token of the default SCIM source,
 * issued by `adminId`: each call is a Request handed to the route's handler, as Next.js hands it, so a
 * bench times the handler and what it does, not a loopback socket.
 */
export async function benchScim(env: TBenchEnv, adminId: string) {
  const admin = await loadActor(env.db, adminId, 0);
  if (!admin) throw new Error(`no actor ${adminId}`);
  const source = await ensureDefaultScimSource(env.db);
  const { token } = await createScimToken(env.db, admin, { name: 'bench', sourceId: source.id });
  const baseUrl = 'http://bench.invalid/scim/v2';
  return async (method: string, path: string, body?: unknown): Promise<TBenchScimResponse> => {
    const response = await handleScimRequest(
      new Request(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { db: env.db, queue: env.queue, baseUrl },
    );
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}
