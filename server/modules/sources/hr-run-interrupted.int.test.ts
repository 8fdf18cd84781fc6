import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import {
  closeInterruptedSourceRuns,
  dropFailedRunlessJobs,
  INTERRUPTED_GRACE_MS,
} from './close-interrupted-runs.ts';
import { runSource } from './run-source.ts';
import { startSourceRun } from './start-source-run.ts';

let t: TTestContext;
let dir: string;
let sourceId: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const HEADER = 'emp_no,first_name,last_name,manager';
// Batches of 50, one at a time: which rows commit before the process stops is known exactly.
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    managerEmployeeNumber: 'manager',
  },
  required: ['employeeNumber', 'firstName', 'lastName'],
  batchSize: 50,
  parallelBatches: 1,
};

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-hr-interrupted-'));
  sourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-csv', name: 'HR CSV', kind: 'HR_CSV', precedence: 10, config },
    })
  ).id;
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ queue: t.queue, files: { dir }, secretKey: parseSecretKey(TEST_SECRET_KEY) });
/** 120 people; the first five report to `prefix`100, further down the file. */
const fileOf = (prefix: string) =>
  [
    HEADER,
    ...Array.from({ length: 120 }, (_, i) => {
      const n = `${prefix}${String(i + 1).padStart(3, '0')}`;
      return `${n},First${i + 1},Last${i + 1},${i < 5 ? `${prefix}100` : ''}`;
    }),
  ].join('\n');
async function start(prefix: string) {
  const file = path.join(dir, `upload-${prefix}-${Math.random()}.csv`);
  fs.writeFileSync(file, fileOf(prefix));
  const { runId } = await startSourceRun(
    t.prisma,
    ivy,
    { sourceId, trigger: 'UPLOAD', file: { path: file, name: 'hr.csv' } },
    deps(),
  );
  return runId;
}
/** A sweep late enough that no run of the test is within the grace period any more. */
const later = () => new Date(Date.now() + INTERRUPTED_GRACE_MS + 60_000);
const runOf = (id: string) => t.prisma.sourceRun.findUniqueOrThrow({ where: { id } });
const jobsOf = (runId: string) =>
  t.prisma.$queryRaw<Array<{ state: string; retryLimit: number; heartbeatSeconds: number | null }>>`
    SELECT state::text, retry_limit AS "retryLimit", heartbeat_seconds AS "heartbeatSeconds"
    FROM pgboss.job WHERE name = 'sources.run' AND data->>'runId' = ${runId}`;
/** What pg-boss does to the run's job (the test has no worker). */
const setJobState = (runId: string, state: 'active' | 'completed' | 'failed') =>
  t.ownerPrisma.$executeRawUnsafe(
    `UPDATE pgboss.job SET state = '${state}'::pgboss.job_state, started_on = now() WHERE name = 'sources.run' AND data->>'runId' = $1`,
    runId,
  );
const identitiesOf = (prefix: string) =>
  t.prisma.identity.findMany({
    where: { employeeNumber: { startsWith: prefix } },
    select: { employeeNumber: true, manager: { select: { employeeNumber: true } } },
  });

/**
 * The process running the run stops after its first batch committed: the second batch is refused
 * (row 75), and neither the run's own row nor a source record can be written after it, so it is left
 * RUNNING with 50 people applied and its file staged, as a killed worker leaves it: nothing a catch
 * would write gets written. The owner arranges it: the portal's role creates no triggers.
 */
async function killMidway(prefix: string, runId: string) {
  await t.ownerPrisma
    .$executeRawUnsafe(`CREATE FUNCTION stop_${prefix}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the process stopped'; END $$`);
  await t.ownerPrisma.$executeRawUnsafe(
    `CREATE TRIGGER stop_${prefix} BEFORE INSERT ON "Identity" FOR EACH ROW WHEN (NEW."employeeNumber" = '${prefix}075') EXECUTE FUNCTION stop_${prefix}()`,
  );
  await t.ownerPrisma.$executeRawUnsafe(
    `CREATE TRIGGER stop_run_${prefix} BEFORE UPDATE ON "SourceRun" FOR EACH ROW WHEN (NEW.id = '${runId}') EXECUTE FUNCTION stop_${prefix}()`,
  );
  await t.ownerPrisma.$executeRawUnsafe(
    `CREATE TRIGGER stop_records_${prefix} BEFORE UPDATE ON "SourceRecord" FOR EACH ROW EXECUTE FUNCTION stop_${prefix}()`,
  );
  const logged = vi.mocked(console.error).mockImplementation(() => {});
  await expect(runSource(t.prisma, runId, deps())).rejects.toThrow(/the process stopped/);
  logged.mockReset();
  await t.ownerPrisma.$executeRawUnsafe(`DROP TRIGGER stop_${prefix} ON "Identity"`);
  await t.ownerPrisma.$executeRawUnsafe(`DROP TRIGGER stop_run_${prefix} ON "SourceRun"`);
  await t.ownerPrisma.$executeRawUnsafe(`DROP TRIGGER stop_records_${prefix} ON "SourceRecord"`);
  expect(await runOf(runId)).toMatchObject({ status: 'RUNNING', finishedAt: null });
  expect(await identitiesOf(prefix)).toHaveLength(50);
}

describe('an HR run whose process stopped part-way', () => {
  it('is run again by its job’s retry while it has one, and the retry converges', async () => {
    const runId = await start('R');
    // pg-boss notices a killed worker by its heartbeat and retries the job once.
    expect(await jobsOf(runId)).toEqual([{ state: 'created', retryLimit: 1, heartbeatSeconds: 60 }]);
    await killMidway('R', runId);
    // The job is still active (pg-boss has not noticed yet) or waiting to be retried: nothing is closed.
    await setJobState(runId, 'active');
    expect(await closeInterruptedSourceRuns(t.prisma, { now: later() })).toBe(0);
    expect((await runOf(runId)).status).toBe('RUNNING');

    // The retry runs the same run from the start: the 50 applied are unchanged, the rest applied.
    expect(await runSource(t.prisma, runId, deps())).toBe('SUCCEEDED');
    await setJobState(runId, 'completed');
    expect((await runOf(runId)).stats).toMatchObject({ rows: 120, created: 70, unchanged: 50 });
    const everyone = await identitiesOf('R');
    expect(everyone).toHaveLength(120);
    expect(everyone.filter((i) => i.manager?.employeeNumber === 'R100')).toHaveLength(5);
  });

  it('reads as interrupted, saying what it applied, once no job will run it; the same file again converges', async () => {
    const runId = await start('K');
    await killMidway('K', runId);
    // The retry was killed too: pg-boss failed the job. On the source's strict FIFO queue it would
    // block every later run of the source.
    await setJobState(runId, 'failed');
    await t.ownerPrisma
      .$executeRaw`UPDATE pgboss.job SET output = '{"message":"heartbeat lapsed"}' WHERE data->>'runId' = ${runId}`;
    const now = later();
    // What the audit log holds besides the run's 50 creations, none of it the run's own people or work:
    // the same person updated again by the source (the fix-up pass does that), a person deciding a
    // conflict of the source’s, and the source’s write an hour after the close.
    const k001Id = (await t.prisma.identity.findFirstOrThrow({ where: { employeeNumber: 'K001' } })).id;
    await t.prisma.auditEvent.createMany({
      data: [
        { actorType: 'SOURCE', occurredAt: new Date() },
        { actorType: 'USER', actorId: ivy.kind === 'USER' ? ivy.identityId : null, occurredAt: new Date() },
        { actorType: 'SOURCE', occurredAt: new Date(now.getTime() + 3_600_000) },
      ].map((e) => ({
        ...e,
        action: 'identity.updated',
        entityType: 'Identity',
        entityId: k001Id,
        metadata: { source: sourceId },
      })),
    });
    expect(await closeInterruptedSourceRuns(t.prisma, { now })).toBe(1);
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'PARTIAL', finishedAt: now });
    expect(run.stats).toMatchObject({ created: 50, updated: 0 });
    expect((run.stats as { error: string }).error).toMatch(
      /^Interrupted: the process running it stopped before it finished.*Applied before it stopped: 50 created, 0 updated.*Running the same file again applies the rest.*Its job's last error: heartbeat lapsed$/,
    );
    expect(
      await t.prisma.auditEvent.findFirst({
        where: { action: 'source.run_finished', entityId: runId },
        select: { after: true },
      }),
    ).toMatchObject({ after: { status: 'PARTIAL' } });
    expect(await jobsOf(runId)).toEqual([]);
    // Closed once: a second sweep finds nothing.
    expect(await closeInterruptedSourceRuns(t.prisma, { now })).toBe(0);

    const again = await start('K');
    expect(await runSource(t.prisma, again, deps())).toBe('SUCCEEDED');
    expect((await runOf(again)).stats).toMatchObject({ rows: 120, created: 70, unchanged: 50 });
    const everyone = await identitiesOf('K');
    expect(everyone).toHaveLength(120);
    expect(everyone.filter((i) => i.manager?.employeeNumber === 'K100')).toHaveLength(5);
  });

  it('leaves a run alone while its job waits in the queue', async () => {
    const runId = await start('W');
    expect(await closeInterruptedSourceRuns(t.prisma, { now: later() })).toBe(0);
    expect((await runOf(runId)).status).toBe('RUNNING');
    expect(await runSource(t.prisma, runId, deps())).toBe('SUCCEEDED');
    await setJobState(runId, 'completed');
  });

  it('leaves a run without a job alone for the grace period, then closes it, and no one else’s job', async () => {
    // The source's cron job failed (it opened no run): not this run's, so it stays, with its output.
    const cron = await cronJob('failed');
    const { id } = await t.prisma.sourceRun.create({ data: { sourceId, trigger: 'MANUAL' } });
    expect(await closeInterruptedSourceRuns(t.prisma, { now: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await closeInterruptedSourceRuns(t.prisma, { now: later() })).toBe(1);
    expect((await runOf(id)).status).toBe('FAILED');
    expect(await jobState(cron)).toBe('failed');
    await t.ownerPrisma.$executeRaw`DELETE FROM pgboss.job WHERE id = ${cron}::uuid`;
  });

  it('leaves a cron run alone while its job runs it, whatever the worker’s clock said, and closes it once its job is gone', async () => {
    const jobId = await cronJob('active');
    const opened = new Date(Date.now() - INTERRUPTED_GRACE_MS - 60_000);
    // pg-boss started the job by the database's clock; the worker's clock, a little behind, opened the run.
    await t.ownerPrisma
      .$executeRaw`UPDATE pgboss.job SET started_on = ${new Date(opened.getTime() + 5_000)} WHERE id = ${jobId}::uuid`;
    const first = await cronRun(jobId, opened);
    expect(await closeInterruptedSourceRuns(t.prisma, { now: later() })).toBe(0);
    expect((await runOf(first)).status).toBe('RUNNING');

    // The worker was killed; pg-boss's retry of the same job opened a run of its own: the first is dead.
    const second = await cronRun(jobId, new Date(opened.getTime() + 90_000));
    expect(await closeInterruptedSourceRuns(t.prisma, { now: later() })).toBe(1);
    expect((await runOf(first)).status).toBe('FAILED');
    expect((await runOf(second)).status).toBe('RUNNING');

    // Killed again: the job failed. The run says why, then the job goes.
    await t.ownerPrisma
      .$executeRaw`UPDATE pgboss.job SET state = 'failed', output = '{"message":"heartbeat lapsed"}' WHERE id = ${jobId}::uuid`;
    expect(await closeInterruptedSourceRuns(t.prisma, { now: later() })).toBe(1);
    expect((await runOf(second)).stats).toMatchObject({
      error: expect.stringMatching(/last error: heartbeat lapsed$/),
    });
    expect(await jobState(jobId)).toBeNull();
  });

  it('removes a failed cron job that opened no run, saying why, and no other job', async () => {
    // Left alone (one at a time: the source's strict FIFO key holds one active or failed job): a failed
    // cron job whose run is still to be closed (the close says why, then removes it), a cron job still
    // running, and the failed job of a run started by hand.
    const withRun = await cronJob('failed');
    const itsRun = await cronRun(withRun, new Date());
    expect(await dropFailedRunlessJobs(t.prisma)).toEqual([]);
    expect(await jobState(withRun)).toBe('failed');
    await t.prisma.sourceRun.update({ where: { id: itsRun }, data: { status: 'FAILED' } });
    await t.ownerPrisma.$executeRaw`DELETE FROM pgboss.job WHERE id = ${withRun}::uuid`;

    const running = await cronJob('active');
    expect(await dropFailedRunlessJobs(t.prisma)).toEqual([]);
    expect(await jobState(running)).toBe('active');
    await t.ownerPrisma.$executeRaw`DELETE FROM pgboss.job WHERE id = ${running}::uuid`;

    const runId = await start('F');
    await setJobState(runId, 'failed');
    expect(await dropFailedRunlessJobs(t.prisma)).toEqual([]);
    expect(await jobsOf(runId)).toMatchObject([{ state: 'failed' }]);
    await t.prisma.sourceRun.update({ where: { id: runId }, data: { status: 'FAILED' } });
    await t.ownerPrisma.$executeRaw`DELETE FROM pgboss.job WHERE data->>'runId' = ${runId}`;

    // The cron job failed before it opened a run (the source could not be read): on the source's
    // strict FIFO key it would block every later run. It goes, and the worker's log says why.
    const runless = await cronJob('failed');
    await t.ownerPrisma
      .$executeRaw`UPDATE pgboss.job SET output = '{"message":"connection refused"}' WHERE id = ${runless}::uuid`;
    expect(await dropFailedRunlessJobs(t.prisma)).toEqual([
      { jobId: runless, sourceId, source: 'HR CSV', error: 'connection refused' },
    ]);
    expect(await jobState(runless)).toBeNull();
  });

  it('keeps what the close said of a run closed while its process still ran', async () => {
    const runId = await start('G');
    // The sweep closes the run while its process is still applying (a trigger on its first write).
    await t.ownerPrisma.$executeRawUnsafe(`CREATE FUNCTION close_g() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE "SourceRun" SET status = 'PARTIAL' WHERE id = '${runId}'; RETURN NEW; END $$`);
    await t.ownerPrisma.$executeRawUnsafe(
      `CREATE TRIGGER close_g BEFORE INSERT ON "Identity" FOR EACH ROW WHEN (NEW."employeeNumber" = 'G001') EXECUTE FUNCTION close_g()`,
    );
    await runSource(t.prisma, runId, deps());
    await t.ownerPrisma.$executeRawUnsafe(`DROP TRIGGER close_g ON "Identity"`);
    await setJobState(runId, 'completed');
    expect((await runOf(runId)).status).toBe('PARTIAL');
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'source.run_finished', entityId: runId } }),
    ).toBe(0);
  });
});

const jobState = async (jobId: string) =>
  (
    await t.prisma.$queryRaw<
      Array<{ state: string }>
    >`SELECT state::text FROM pgboss.job WHERE id = ${jobId}::uuid`
  )[0]?.state ?? null;
/** A cron job of the source (it names no run), in the given state. */
async function cronJob(state: 'active' | 'failed'): Promise<string> {
  const id = crypto.randomUUID();
  await t.prisma.$transaction((tx) =>
    t.queue.enqueue(tx, 'sources.run', [{ payload: { sourceId }, singletonKey: sourceId, id }]),
  );
  await t.ownerPrisma.$executeRawUnsafe(
    `UPDATE pgboss.job SET state = '${state}'::pgboss.job_state, started_on = now() WHERE id = $1::uuid`,
    id,
  );
  return id;
}
/** The run a cron job's attempt opened, as runDatabaseSource opens it. */
const cronRun = async (jobId: string, startedAt: Date) =>
  (await t.prisma.sourceRun.create({ data: { sourceId, trigger: 'SCHEDULE', jobId, startedAt } })).id;
