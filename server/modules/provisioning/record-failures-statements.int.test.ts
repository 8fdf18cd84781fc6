import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { applyJobs } from './apply-operations.ts';
import { ConnectorCache } from './connector-cache.ts';
import { planAccess } from './plan-access.ts';

let t: TCountingContext;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await connectors.closeAll();
  await t?.close();
});

/**
 * `size` joiners of an application that is switched off after their operations were planned, so
 * every operation fails ("unavailable", retryable). Every other person's job has spent its retries
 * (their operations fail for good); the others' jobs have retries left (they wait as RETRYING). The
 * operations are reconciliation reverts, so a final failure also reopens its finding.
 */
async function failingJobs(size: number) {
  const app = await createApplication(t.prisma, { name: `Switched off ${size}` });
  const wiki = await createEntitlement(t.prisma, app.id, { name: `Wiki ${size}` });
  const people: Array<Awaited<ReturnType<typeof createIdentity>>> = [];
  for (let i = 0; i < size; i += 1) {
    const person = await createIdentity(t.prisma, { username: `off${size}.${i}` });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: wiki.id });
    people.push(person);
  }
  const ops = await t.prisma.$transaction((tx) =>
    planAccess(
      tx,
      people.map((p) => p.id),
      { reason: 'RECONCILIATION', actor: systemActor('SEED') },
      { queue: t.queue },
    ),
  );
  await t.prisma.application.update({ where: { id: app.id }, data: { enabled: false } });
  const jobs = people.map((p, i) => ({
    jobId: `job-${size}-${i}`,
    operationIds: ops.filter((o) => o.identityId === p.id).map((o) => o.id),
    retryCount: i % 2 === 0 ? 0 : 3,
    retryLimit: 3,
  }));
  return { app, people, jobs };
}

describe('failed operations in round trips', () => {
  it('records 20 failures in the same statements as 2: those with retries left wait, the others fail for good', async () => {
    const small = await failingJobs(2);
    const large = await failingJobs(20);
    const apply = (jobs: typeof small.jobs) =>
      t.counter.count((db) => applyJobs(db, jobs, { connectors, queue: t.queue }));
    const two = await apply(small.jobs);
    const twenty = await apply(large.jobs);

    expect([...twenty.result.values()]).toEqual(
      large.jobs.map((_, i) => (i % 2 === 0 ? 'failed' : 'completed')),
    );
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { applicationId: large.app.id },
      select: { identityId: true, kind: true, status: true, errorKind: true, lastError: true },
    });
    for (const [i, person] of large.people.entries()) {
      const mine = ops.filter((o) => o.identityId === person.id);
      const create = mine.find((o) => o.kind === 'CREATE_ACCOUNT')!;
      const add = mine.find((o) => o.kind === 'ADD_ENTITLEMENT')!;
      expect(create.lastError).toContain('unavailable: Switched off 20 is disabled in Gatehouse');
      if (i % 2 === 0) {
        expect(create).toMatchObject({ status: 'RETRYING', errorKind: 'RETRYABLE' });
        expect(add).toMatchObject({ status: 'PENDING' });
      } else {
        expect(create).toMatchObject({ status: 'FAILED', errorKind: 'RETRIES_EXHAUSTED' });
        expect(add).toMatchObject({ status: 'FAILED', errorKind: 'RETRIES_EXHAUSTED' });
      }
    }
    const audited = await t.prisma.auditEvent.count({
      where: { action: 'provisioning.failed', subjectId: { in: large.people.map((p) => p.id) } },
    });
    expect(audited).toBe(20);
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
  });
});
