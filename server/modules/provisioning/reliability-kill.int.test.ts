import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryState, countSettled, planBatch } from '@/server/testing/reliability-fixture.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { spawnWorkerProcess, type TWorkerProcess } from '@/server/testing/worker-process.ts';

let t: TTestContext;
let dir: TTestDirectory;
const workers: TWorkerProcess[] = [];
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill('SIGKILL')));
  await t?.close();
});

/** Every operation settled once: one success record each, and the directory exactly as planned. */
async function expectExactlyOnce(batch: Awaited<ReturnType<typeof planBatch>>, opsTotal: number) {
  const { settled, total, failed } = await countSettled(t.prisma);
  expect({ settled, total, failed }).toEqual({ settled: opsTotal, total: opsTotal, failed: 0 });
  const successes = await t.prisma.$queryRaw<Array<{ n: bigint; per: bigint }>>`
    SELECT count(*) AS n, max(c) AS per FROM (SELECT "entityId", count(*) AS c FROM "AuditEvent" WHERE action = 'provisioning.succeeded' GROUP BY "entityId") s`;
  expect(Number(successes[0]!.n)).toBe(opsTotal);
  expect(Number(successes[0]!.per)).toBe(1);
  const state = await directoryState(batch);
  expect(new Set(state.entries).size).toBe(batch.people);
  expect(state.entries).toHaveLength(batch.people);
  const accounts = await t.prisma.account.findMany({ select: { nativeId: true } });
  expect(new Set(accounts.map((a) => a.nativeId))).toEqual(new Set(state.entries));
  const expected = batch.groupDns.map(() => (batch.people * batch.perPerson) / batch.groupDns.length);
  expect(state.members.map((m) => new Set(m).size)).toEqual(expected);
  expect(state.members.map((m) => m.length)).toEqual(expected);
}

describe('provisioning survives a killed worker', () => {
  it('applies a 10,000-operation batch exactly once across a SIGKILL and a restart', async () => {
    const batch = await planBatch(
      t.prisma,
      t.queue,
      { ...dir.config, bindPassword: dir.secrets.bindPassword, admin: dir.admin },
      { people: 2000, perPerson: 4, groups: 4 },
    );
    const total = 2000 * 5;
    const first = spawnWorkerProcess(t.url);
    workers.push(first);
    // Kill it in the middle: some work done, much left.
    const atKill = await waitFor(
      async () => {
        const c = await countSettled(t.prisma);
        return c.settled >= total * 0.25 ? c.settled : null;
      },
      { timeoutMs: 240_000, intervalMs: 20, what: 'a quarter of the batch' },
    );
    await first.kill('SIGKILL');
    expect(atKill).toBeLessThan(total);
    // The worker itself died, not a wrapper process around it: none of its connections is left.
    await waitFor(
      async () => {
        const [open] = await t.prisma.$queryRaw<Array<{ n: number }>>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'gatehouse-worker'`;
        return open!.n === 0 ? true : null;
      },
      { timeoutMs: 10_000, intervalMs: 50, what: 'the killed worker’s connections to go' },
    );
    const second = spawnWorkerProcess(t.url);
    workers.push(second);
    await waitFor(async () => ((await countSettled(t.prisma)).settled === total ? true : null), {
      timeoutMs: 300_000,
      intervalMs: 250,
      what: 'the whole batch after the restart',
    });
    await expectExactlyOnce(batch, total);
    await second.kill('SIGTERM');
  }, 600_000);
});
