import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '@/jobs/start-worker.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { acmeHrEmployees, seedHrSources } from '@/server/seed/hr-demo.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { runSource } from './run-source.ts';
import { startSourceRun } from './start-source-run.ts';

let t: TTestContext;
let sourceId: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const deps = () => ({
  queue: t.queue,
  files: { dir: os.tmpdir() },
  secretKey: parseSecretKey(TEST_SECRET_KEY),
});

beforeAll(async () => {
  t = await createTestContext();
  // The demo's HR system, in this test's own database, read over a connection of its own: as the
  // portal's role (it may read the view, nothing more of hr). Seeded as the owner, as the launcher
  // seeds it: the seed creates the hr schema.
  await seedHrSources(t.ownerPrisma, { secretKey: TEST_SECRET_KEY, databaseUrl: t.url, now: new Date() });
  sourceId = (await t.prisma.identitySource.findUniqueOrThrow({ where: { key: 'hr-database' } })).id;
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
});
afterAll(async () => {
  await t?.close();
});

async function sync() {
  const { runId } = await startSourceRun(t.prisma, ivy, { sourceId, trigger: 'MANUAL' }, deps());
  const status = await runSource(t.prisma, runId, deps());
  return { status, run: await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } }) };
}

describe('the HR database source', () => {
  it('loads everyone from the view, then sees edits to the HR tables on the next sync', async () => {
    const first = await sync();
    expect(first.status).toBe('SUCCEEDED');
    expect(first.run.stats).toMatchObject({
      rows: acmeHrEmployees(new Date()).length,
      created: 40,
      fatal: 0,
    });
    const alice = await t.prisma.identity.findUniqueOrThrow({
      where: { email: 'alice@acme.test' },
      include: { manager: true },
    });
    expect(alice).toMatchObject({
      employeeNumber: 'E1004',
      department: 'Finance',
      title: 'Finance Analyst',
      employmentType: 'EMPLOYEE',
      manager: { email: 'mark@acme.test' },
    });

    // The HR system's own people change its tables (its owner here): the portal only reads the view.
    await t.ownerPrisma.$executeRawUnsafe(
      `UPDATE hr.employees SET department = 'Sales', job_title = 'Account Executive' WHERE emp_no = 'E1004'`,
    );
    await t.ownerPrisma.$executeRawUnsafe(
      `UPDATE hr.employees SET status = 'Terminated' WHERE emp_no = 'E1005'`,
    );
    const second = await sync();
    expect(second.status).toBe('SUCCEEDED');
    expect(second.run.stats).toMatchObject({ unchanged: 38, movers: 1, leavers: 1 });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { email: 'alice@acme.test' } })).toMatchObject({
      department: 'Sales',
    });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { email: 'raj@acme.test' } })).toMatchObject({
      status: 'TERMINATED',
    });
  });

  it('runs on its cron through the worker, and the run it opens names the job that opened it', async () => {
    // What a source's cron enqueues (server/queue/source-scheduler.ts): no run, the source's strict key.
    const jobId = crypto.randomUUID();
    await t.prisma.$transaction((tx) =>
      t.queue.enqueue(tx, 'sources.run', [
        { payload: { sourceId, trigger: 'SCHEDULE' }, singletonKey: sourceId, id: jobId },
      ]),
    );
    const worker = await startWorker({
      databaseUrl: t.url,
      secretKey: TEST_SECRET_KEY,
      log: () => {},
      only: ['sources.run'],
    });
    try {
      // A cron job names no run, so only the run's jobId tells the interrupted-run sweep whose it is.
      const run = await waitFor(
        () => t.prisma.sourceRun.findFirst({ where: { jobId, status: { not: 'RUNNING' } } }),
        { what: 'the cron job’s run to finish' },
      );
      expect(run).toMatchObject({ sourceId, trigger: 'SCHEDULE', status: 'SUCCEEDED' });
      await waitFor(
        async () =>
          (
            await t.prisma.$queryRaw<Array<{ state: string }>>`
              SELECT state::text FROM pgboss.job WHERE id = ${jobId}::uuid AND state = 'completed'`
          )[0],
        { what: 'the cron job to complete' },
      );
    } finally {
      await worker.stop({ graceful: false });
    }
  });

  it('a query that fails is a rejected run with the database’s message, and nothing applied', async () => {
    const source = await t.prisma.identitySource.findUniqueOrThrow({ where: { id: sourceId } });
    await t.prisma.identitySource.update({
      where: { id: sourceId },
      data: { config: { ...(source.config as object), query: 'SELECT * FROM hr.nope' } },
    });
    const { status, run } = await sync();
    expect(status).toBe('REJECTED');
    expect(run.report).toMatchObject([
      { code: 'SYNTAX', message: expect.stringContaining('relation "hr.nope" does not exist') },
    ]);
    await t.prisma.identitySource.update({
      where: { id: sourceId },
      data: { config: { ...(source.config as object), query: 'SELECT 1 AS a; DELETE FROM hr.employees' } },
    });
    expect((await sync()).status).toBe('REJECTED');
    expect(
      await t.ownerPrisma.$queryRawUnsafe<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM hr.employees',
      ),
    ).toEqual([{ n: 40 }]);
  });
});
