import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countSettled,
  directoryState,
  planBatch,
  jobsPerWorker,
} from '@/server/testing/reliability-fixture.ts';
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

describe('two workers on one batch', () => {
  it('share the work without applying any operation twice', async () => {
    // Small fetches, one loop each: with the defaults the first worker to fetch kept the application's
    // slots full and the other never got a job, so no operation could be applied twice.
    const small = { WORKER_BATCH_SIZE: '8', WORKER_FETCH_LOOPS: '1' };
    workers.push(spawnWorkerProcess(t.url, small), spawnWorkerProcess(t.url, small));
    const batch = await planBatch(
      t.prisma,
      t.queue,
      { ...dir.config, bindPassword: dir.secrets.bindPassword, admin: dir.admin },
      { people: 600, perPerson: 3, groups: 3 },
    );
    const total = 600 * 4;
    await waitFor(async () => ((await countSettled(t.prisma)).settled === total ? true : null), {
      timeoutMs: 240_000,
      intervalMs: 100,
      what: 'the batch',
    });
    // Each operation was started once (attempts) and recorded once (audit).
    const attempts = await t.prisma.provisioningOperation.groupBy({
      by: ['attempts'],
      _count: { _all: true },
    });
    expect(attempts.map((a) => [a.attempts, a._count._all])).toEqual([[1, total]]);
    const perOp = await t.prisma.$queryRaw<Array<{ per: bigint }>>`
      SELECT max(c) AS per FROM (SELECT count(*) AS c FROM "AuditEvent" WHERE action = 'provisioning.succeeded' GROUP BY "entityId") s`;
    expect(Number(perOp[0]!.per)).toBe(1);
    // Both workers applied part of the batch: each completed job names the worker that settled it.
    const { workers: ids, settled } = await jobsPerWorker(t.prisma);
    expect(ids).toHaveLength(2);
    expect([...settled.keys()]).toEqual(ids);
    expect([...settled.values()].every((jobs) => jobs > 0)).toBe(true);
    const state = await directoryState(batch);
    expect(state.entries).toHaveLength(600);
    expect(state.members.map((m) => m.length)).toEqual([600, 600, 600]);
  }, 300_000);
});
