import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { createPrismaClient, type TPrisma } from '@/server/db/client.ts';
import { decryptSecret, parseSecretKey, sourceSecretBinding } from '@/server/lib/secret-box.ts';
import { startEmbeddedPostgres } from '@/server/infra/embedded-postgres.ts';
import { verifyAuditLog } from '@/server/modules/audit/index.ts';
import { recomputeBirthright } from '@/server/modules/birthright/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { BOSS_SCHEMA, createBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import {
  commandOf,
  descendantsOf,
  isAlive,
  spawnLauncher,
  type TLauncher,
} from '@/server/testing/launcher-process.ts';
import { waitFor, waitForOperations } from '@/server/testing/wait-for.ts';

// `npm start` itself, without its web part (--no-web: no build, no Next.js), so a start costs the
// database, the directory, the seed and the worker: well under a minute each.
const PORT = '3208';
const JOINERS = 400;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-launcher-'));
const launchers: TLauncher[] = [];
const start = (fresh: boolean) => {
  const launcher = spawnLauncher([
    '--data-dir',
    dataDir,
    '--port',
    PORT,
    '--no-web',
    ...(fresh ? ['--fresh'] : []),
  ]);
  launchers.push(launcher);
  return launcher;
};
const READY = /runs without its portal/;
type TRuntime = {
  databaseUrl: string;
  directory: { url: string; bindDn: string; bindPassword: string; baseDn: string };
};
const readRuntime = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as TRuntime;

afterAll(async () => {
  for (const l of launchers) {
    if (l.child.exitCode === null && l.child.signalCode === null) {
      l.interrupt();
      await l.exited;
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Joiners through the engine's own path: birthright, then planAccess enqueues their provisioning. */
async function hireJoiners(db: TPrisma, databaseUrl: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      (await createIdentity(db, { username: `joiner.${i}`, department: i % 2 ? 'Finance' : 'Engineering' }))
        .id,
    );
  const boss = createBoss(databaseUrl, 'setup');
  await boss.start();
  try {
    const actor = systemActor('SOURCE');
    const planned = await db.$transaction(
      async (tx) => {
        await recomputeBirthright(tx, ids, actor);
        return planAccess(
          tx,
          ids,
          { reason: 'JOINER', actor },
          { queue: createJobQueue(async () => boss), now: new Date() },
        );
      },
      { timeout: 120_000 },
    );
    return planned.map((op) => op.id);
  } finally {
    await boss.stop({ graceful: false });
  }
}

describe('the launcher (npm start)', () => {
  let waveIds: string[] = [];
  let first: TRuntime | undefined;

  it(
    'stops in order on Ctrl-C during a provisioning wave: nothing failed, stuck or lost, no process left behind',
    { timeout: 240_000 },
    async () => {
      const launcher = start(true);
      await launcher.waitForOutput(READY, 150_000);
      const runtime = readRuntime();
      first = runtime;
      // The web app and the worker connect as the portal's role, never as the owner.
      expect(new URL(runtime.databaseUrl).username).toBe('gatehouse_app');
      expect(launcher.output()).toContain('The portal connects as "gatehouse_app"');
      expect(launcher.output()).not.toContain('WARNING');
      const db = createPrismaClient(runtime.databaseUrl);
      try {
        waveIds = await hireJoiners(db, runtime.databaseUrl, JOINERS);
        // Mid-wave: the worker has settled some operations and has others in hand or queued.
        const unsettled = await waitFor(
          async () => {
            const settled = await db.provisioningOperation.count({
              where: { id: { in: waveIds }, status: { in: ['SUCCEEDED', 'NOOP'] } },
            });
            return settled > 0 ? waveIds.length - settled : null;
          },
          { timeoutMs: 60_000, what: 'the wave to begin' },
        );
        expect(unsettled).toBeGreaterThan(0);
      } finally {
        await db.$disconnect();
      }
      const processes = descendantsOf(launcher.child.pid!);
      const commands = processes.map(commandOf).join('\n');
      expect(commands).toContain('slapd');
      expect(commands).toContain('postgres');
      expect(commands).toContain('jobs/worker.ts');
      launcher.interrupt();

      expect(await launcher.exited).toEqual({ code: 0, signal: null });
      expect(launcher.output()).toContain('Stopped.');
      expect(launcher.output()).not.toContain('the database system is shutting down');
      const left = processes.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`);
      expect(left).toEqual([]);

      // What the stop left in the database, read with the servers down.
      const { databaseOwnerPassword } = JSON.parse(
        fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'),
      ) as { databaseOwnerPassword: string };
      const cluster = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'pg'),
        password: databaseOwnerPassword,
      });
      const inspect = createPrismaClient(cluster.url('gatehouse'));
      try {
        const byStatus = await inspect.provisioningOperation.groupBy({
          by: ['status'],
          where: { id: { in: waveIds } },
          _count: true,
        });
        const statuses = Object.fromEntries(byStatus.map((s) => [s.status, s._count]));
        expect(Object.keys(statuses).filter((s) => !['SUCCEEDED', 'NOOP', 'PENDING'].includes(s))).toEqual(
          [],
        );
        expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(waveIds.length);
        // Not lost: every operation still to do has a job waiting to do it.
        const pending = (
          await inspect.provisioningOperation.findMany({
            where: { id: { in: waveIds }, status: 'PENDING' },
            select: { id: true },
          })
        ).map((o) => o.id);
        const queued = await inspect.$queryRawUnsafe<Array<{ ids: string[] }>>(
          `SELECT data->'operationIds' AS ids FROM ${BOSS_SCHEMA}.job WHERE name = 'provisioning.apply' AND state IN ('created', 'retry')`,
        );
        const covered = new Set(queued.flatMap((j) => j.ids));
        expect(pending.filter((id) => !covered.has(id))).toEqual([]);
        const active = await inspect.$queryRawUnsafe<Array<{ n: bigint }>>(
          `SELECT count(*) AS n FROM ${BOSS_SCHEMA}.job WHERE name = 'provisioning.apply' AND state = 'active'`,
        );
        expect(Number(active[0]?.n)).toBe(0);
        // What the worker sealed before the stop, as the portal's role, holds.
        expect(await verifyAuditLog(inspect)).toMatchObject({ ok: true, firstBreak: null });
      } finally {
        await inspect.$disconnect();
        await cluster.stop();
      }
    },
  );

  it(
    'starts again on the same data, its directory and database moved to other ports, and finishes the wave',
    { timeout: 240_000 },
    async () => {
      // Something else now holds the ports the directory and the database had: both move, and the demo follows.
      const squatters = await Promise.all(
        [first!.directory.url, first!.databaseUrl].map((url) => {
          const squatter = net.createServer();
          return new Promise<net.Server>((resolve) =>
            squatter.listen(Number(new URL(url).port), '127.0.0.1', () => resolve(squatter)),
          );
        }),
      );
      try {
        const launcher = start(false);
        await launcher.waitForOutput(READY, 150_000);
        const runtime = readRuntime();
        expect(runtime.directory.url).not.toBe(first!.directory.url);
        expect(runtime.databaseUrl).not.toBe(first!.databaseUrl);
        const db = createPrismaClient(runtime.databaseUrl);
        try {
          const app = await db.application.findUniqueOrThrow({
            where: { key: 'corporate-directory' },
            select: { config: true },
          });
          expect((app.config as { url: string }).url).toBe(runtime.directory.url);
          const hr = await db.identitySource.findUniqueOrThrow({
            where: { key: 'hr-database' },
            select: { id: true, secrets: true },
          });
          const { secretKey } = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as {
            secretKey: string;
          };
          expect(
            JSON.parse(decryptSecret(hr.secrets!, parseSecretKey(secretKey), sourceSecretBinding(hr.id))),
          ).toEqual({ connectionString: runtime.databaseUrl });
          const ops = await waitForOperations(db, waveIds, 120_000);
          expect(ops.filter((o) => o.status !== 'SUCCEEDED' && o.status !== 'NOOP')).toEqual([]);
          // The worker seals the audit log as it goes (as the portal's role), and the chain holds.
          await waitFor(async () => (await db.auditSeal.count()) === (await db.auditEvent.count()), {
            timeoutMs: 60_000,
            what: 'the audit log to be sealed',
          });
          expect(await verifyAuditLog(db)).toMatchObject({ ok: true, firstBreak: null });
          const ldap = new Client({ url: runtime.directory.url });
          try {
            await ldap.bind(runtime.directory.bindDn, runtime.directory.bindPassword);
            const { searchEntries } = await ldap.search(`ou=people,${runtime.directory.baseDn}`, {
              filter: '(uid=joiner.*)',
              attributes: ['uid'],
            });
            expect(searchEntries).toHaveLength(JOINERS);
          } finally {
            await ldap.unbind();
          }
        } finally {
          await db.$disconnect();
        }
        const processes = descendantsOf(launcher.child.pid!);
        launcher.interrupt();
        expect(await launcher.exited).toEqual({ code: 0, signal: null });
        expect(processes.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
      } finally {
        for (const squatter of squatters) await new Promise((resolve) => squatter.close(resolve));
      }
    },
  );
  it(
    'exits FAILED, and stops what it started, when the web process never answers its health check (its throw-away database not durable)',
    { timeout: 240_000 },
    async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(free));
        });
      });
      const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-launcher-unhealthy-'));
      try {
        const launcher = spawnLauncher([
          '--data-dir',
          ownDir,
          '--port',
          String(port),
          '--no-build',
          // As the end-to-end portals start: their data is thrown away after the run.
          '--not-durable',
          '--health-timeout',
          '3',
          '--web-bin',
          path.resolve(import.meta.dirname, '../server/testing/web-never-answers.mjs'),
        ]);
        launchers.push(launcher);
        const processes = await waitFor(
          async () => {
            const pids = descendantsOf(launcher.child.pid!);
            return pids.map(commandOf).some((c) => c.includes('web-never-answers')) ? pids : null;
          },
          { timeoutMs: 150_000, what: 'the web process to start' },
        );
        const [, verdict] = await launcher.waitForOutput(/Gatehouse (FAILED to start|is running)/, 60_000);
        expect(verdict).toBe('FAILED to start');
        expect(await launcher.exited).toEqual({ code: 1, signal: null });
        expect(launcher.output()).toMatch(
          /Gatehouse FAILED to start: http:\/\/localhost:\d+\/api\/health did not answer OK within 3 s/,
        );
        expect(launcher.output()).not.toContain('Gatehouse is running');
        expect(processes.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
        // PostgreSQL keeps the command line it was last started with beside its data.
        expect(
          fs.readFileSync(path.join(ownDir, 'pg', 'postmaster.opts'), 'utf8'),
          'the database ran without fsync',
        ).toContain('"fsync=off"');
      } finally {
        fs.rmSync(ownDir, { recursive: true, force: true });
      }
    },
  );
});
