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
import type { PgBoss } from 'pg-boss';

export type TBenchEnv = {
  dir: string;
  databaseUrl: string;
  /** The PostgreSQL server's process id (its CPU time, with its children's). */
  pgPid: number;
  db: TPrisma;
  boss: PgBoss;
  queue: TJobQueue;
  slapd: TSlapd;
  close: () => Promise<void>;
};

/**
 * A throw-away real PostgreSQL (migrated, with pg-boss) and a real slapd, for a benchmark. With
 * `keep`, the cluster lives in that folder and is left there when the benchmark ends, so a later run
 * can start it again with what an earlier one generated (its owner's password is kept beside it).
 */
export async function startBenchEnv(name: string, options: { keep?: string } = {}): Promise<TBenchEnv> {
  const dir = options.keep ? path.resolve(options.keep) : fs.mkdtempSync(path.join(os.tmpdir(), `gatehouse-bench-${name}-`));
  const password = options.keep ? keptPassword(dir) : crypto.randomBytes(18).toString('base64url');
  const cluster: TEmbeddedPostgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), password, durable: true });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`);
  if (!rowCount) await admin.query('CREATE DATABASE bench');
  await admin.end();
  const databaseUrl = cluster.url('bench');
  await applyMigrations(databaseUrl);
  const boss = createBoss(databaseUrl, 'setup');
  // An unheard 'error' event ends the process: a connection timeout on a busy machine must not end the run.
  boss.on('error', (error: Error) => console.warn(`[bench] pg-boss: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);
  // The directory is never kept: no benchmark reuses what it holds.
  const ldapDir = fs.mkdtempSync(path.join(os.tmpdir(), `gatehouse-bench-${name}-ldap-`));
  const slapd = await startSlapd({ dir: ldapDir });
  const db = createPrismaClient(databaseUrl, { max: 10 });
  return {
    dir,
    databaseUrl,
    pgPid: cluster.pid,
    db,
    boss,
    queue: createJobQueue(async () => boss),
    slapd,
    close: async () => {
      await db.$disconnect();
      await boss.stop({ graceful: false });
      await slapd.stop();
      await cluster.stop();
      fs.rmSync(ldapDir, { recursive: true, force: true });
      if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A kept cluster's owner password, made when the folder is first used (the cluster is created with it). */
function keptPassword(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'owner-password');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8');
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
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nFigures measured on the project\'s own machines (2 cores, 24 GiB), by the `npm run bench:*` scripts, which rewrite their own section.\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
}
