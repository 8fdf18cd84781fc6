import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlapd, type TSlapd } from '@/server/infra/slapd.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { JOB_SPECS } from '@/server/queue/job-specs.ts';
import { ensureDirectoryTree } from '@/server/seed/directory-setup.ts';
import { countSettled, directoryState, planBatch } from '@/server/testing/reliability-fixture.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { attemptsWithin } from '@/server/testing/retry-schedule.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';

/**
 * The outage the test replays: a minute of production's retry policy. A job that fails all along is
 * run this many times in it (5: at 0, 2, 6, 14 and 30 s at the earliest), using that many of its
 * retries; the directory is kept down until an operation has been refused as often.
 */
const PRODUCTION = JOB_SPECS['provisioning.apply'].queue;
const REFUSALS_IN_A_MINUTE = attemptsWithin(PRODUCTION, 60);
/**
 * The same policy (retry limit, back-off) with pg-boss's shortest delays, whole seconds: retries
 * after 1-2 s, then 2 s. The minute's refusals then take seconds, and so does the wait, after the
 * directory is back, for the retries' next turn (up to 60 s with production's delays).
 */
const FASTER = { retryDelay: 1, retryDelayMax: 2 };

let t: TTestContext;
let slapd: TSlapd;
let worker: TWorker;
let tmp: string;
beforeAll(async () => {
  t = await createTestContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outage-'));
  // A directory of its own, so stopping it disturbs no other test.
  slapd = await startSlapd({ dir: tmp });
  // Queue policies are the owner's to change, as the launcher changes them (ensureQueues); jobs take
  // the queue's retry settings when they are sent, so this comes before the batch is planned.
  const owner = createBoss(t.ownerUrl, 'setup');
  await owner.start();
  try {
    // The back-off is restated because pg-boss takes a retryDelayMax only beside it.
    await owner.updateQueue('provisioning.apply', { ...FASTER, retryBackoff: PRODUCTION.retryBackoff });
    expect(await owner.getQueue('provisioning.apply')).toMatchObject({
      ...FASTER,
      retryLimit: PRODUCTION.retryLimit,
      retryBackoff: PRODUCTION.retryBackoff,
      // Only the delays change: a job in a stopped worker's hands is still taken back on production's heartbeat.
      heartbeatSeconds: PRODUCTION.heartbeatSeconds,
    });
  } finally {
    await owner.stop({ graceful: false });
  }
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await slapd?.stop();
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a directory down for a minute of retries', () => {
  it('converges once it is back, with no operation failed for the outage', async () => {
    const admin = { url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword };
    await ensureDirectoryTree(admin, slapd.suffix);
    worker = await startWorker({
      databaseUrl: t.url,
      secretKey: TEST_SECRET_KEY,
      log: () => {},
      only: ['provisioning.apply'],
    });
    const batch = await planBatch(
      t.prisma,
      t.queue,
      { admin, baseDn: slapd.suffix, url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword },
      { people: 500, perPerson: 3, groups: 3 },
    );
    const total = 500 * 4;
    // The jobs carry the faster delays (pg-boss copies a queue's into each job it sends). Production's
    // would also fit the minute's refusals into the waits below, and the test would pass proving less.
    const delays = await t.prisma.$queryRaw<Array<{ retryDelay: number; retryDelayMax: number | null }>>`
      SELECT DISTINCT retry_delay AS "retryDelay", retry_delay_max AS "retryDelayMax"
      FROM pgboss.job WHERE name = 'provisioning.apply'`;
    expect(delays).toEqual([FASTER]);
    await waitFor(async () => ((await countSettled(t.prisma)).settled >= total * 0.2 ? true : null), {
      timeoutMs: 120_000,
      intervalMs: 10,
      what: 'a fifth of the batch',
    });
    await slapd.stop();
    const downAt = Date.now();
    // Operations not yet started when it went down: every run of theirs meets the outage.
    const untouched = (
      await t.prisma.provisioningOperation.findMany({ where: { attempts: 0 }, select: { id: true } })
    ).map((o) => o.id);
    // Retrying because the directory is down, not for a timeout before the stop: the target refused
    // the connection, and the operation was started after it went down.
    const refused = await waitFor(
      async () =>
        (await t.prisma.provisioningOperation.findFirst({
          where: {
            status: 'RETRYING',
            startedAt: { gt: new Date(downAt) },
            lastError: { contains: 'ECONNREFUSED' },
          },
          select: { lastError: true, errorKind: true },
        })) ?? null,
      {
        timeoutMs: 30_000,
        what: 'operations to start retrying',
      },
    );
    expect(refused).toMatchObject({
      errorKind: 'RETRYABLE',
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
    // Down for as many refusals as a minute holds with production's delays: retries it spent, not failures.
    await waitFor(
      async () =>
        (await t.prisma.provisioningOperation.findFirst({
          // Any status: one whose retries ran out is FAILED here, and counted as such below.
          where: {
            id: { in: untouched },
            attempts: { gte: REFUSALS_IN_A_MINUTE },
            lastError: { contains: 'ECONNREFUSED' },
          },
          select: { id: true },
        })) ?? null,
      { timeoutMs: 120_000, intervalMs: 100, what: `an operation refused ${REFUSALS_IN_A_MINUTE} times` },
    );
    await slapd.start();
    // Until all have succeeded, or one has failed: that fails the test at once instead of at the timeout.
    await waitFor(
      async () => {
        const { settled, failed } = await countSettled(t.prisma);
        return settled === total || failed > 0 ? true : null;
      },
      {
        timeoutMs: 300_000,
        intervalMs: 250,
        what: 'the batch after the directory came back',
      },
    );

    expect(await t.prisma.provisioningOperation.count({ where: { status: 'FAILED' } })).toBe(0);
    expect(await t.prisma.provisioningOperation.count({ where: { attempts: { gt: 1 } } })).toBeGreaterThan(0);
    const state = await directoryState(batch);
    expect(state.entries).toHaveLength(500);
    expect(state.members.map((m) => m.length)).toEqual([500, 500, 500]);
  }, 600_000);
});
