import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { applyJobs } from './apply-operations.ts';
import { ConnectorCache } from './connector-cache.ts';
import { planAccess } from './plan-access.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';

let t: TCountingContext;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await connectors.closeAll();
  await t?.close();
});

/** `size` joiners of an application without an API, whose desk has two fulfillers; a job each. */
async function manualJobs(size: number) {
  const fulfillers = [await createIdentity(t.prisma), await createIdentity(t.prisma)];
  const team = await t.prisma.team.create({
    data: {
      key: `desk-${size}`,
      name: `Desk ${size}`,
      purpose: 'FULFILMENT',
      members: { create: fulfillers.map((f) => ({ identityId: f.id })) },
    },
  });
  const app = await createApplication(t.prisma, {
    name: `Badges ${size}`,
    connectorType: 'MANUAL',
    config: { slaHours: 4 },
  });
  await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: team.id } });
  const badge = await createEntitlement(t.prisma, app.id, { name: `Lab door ${size}` });
  const people: Array<Awaited<ReturnType<typeof createIdentity>>> = [];
  for (let i = 0; i < size; i += 1) {
    const person = await createIdentity(t.prisma, { username: `badge${size}.${i}` });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: badge.id });
    people.push(person);
  }
  const ops = await t.prisma.$transaction((tx) =>
    planAccess(
      tx,
      people.map((p) => p.id),
      { reason: 'TEST', actor: systemActor('SEED') },
      { queue: t.queue },
    ),
  );
  const jobs = people.map((p, i) => ({
    jobId: `job-${size}-${i}`,
    operationIds: ops.filter((o) => o.identityId === p.id).map((o) => o.id),
    retryCount: 0,
    retryLimit: 3,
  }));
  return { app, fulfillers, ops, jobs };
}

describe('handing manual operations to the desk in round trips', () => {
  it('hands 20 operations over in the same statements as 2: a task, an audit event and the desk told for each', async () => {
    const small = await manualJobs(2);
    const large = await manualJobs(20);
    const apply = (jobs: typeof small.jobs) =>
      t.counter.count((db) => applyJobs(db, jobs, { connectors, queue: t.queue }));
    const two = await apply(small.jobs);
    const twenty = await apply(large.jobs);

    expect([...twenty.result.values()].every((v) => v === 'completed')).toBe(true);
    const opIds = large.ops.map((o) => o.id);
    expect(large.ops.length).toBeGreaterThanOrEqual(20);
    const ops = await t.prisma.provisioningOperation.findMany({ where: { id: { in: opIds } } });
    expect(ops.every((o) => o.status === 'WAITING')).toBe(true);
    const tasks = await t.prisma.fulfilmentTask.findMany({ where: { operationId: { in: opIds } } });
    expect(tasks).toHaveLength(opIds.length);
    expect(tasks.every((task) => task.status === 'OPEN' && task.applicationId === large.app.id)).toBe(true);
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'fulfilment.task_created', entityId: { in: opIds } },
      }),
    ).toBe(opIds.length);
    for (const f of large.fulfillers) {
      const told = await t.prisma.notification.findMany({
        where: { recipientId: f.id, kind: 'fulfilment.task' },
      });
      expect(told).toHaveLength(opIds.length);
      expect(told.every((n) => n.title === 'New task in Badges 20')).toBe(true);
    }
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
  });
});

describe('one application with broken settings among manual ones', () => {
  it('fails only its own operations, with the reason, and the other desk still gets its tasks', async () => {
    const good = await manualJobs(3);
    const broken = await manualJobs(4);
    // Stored settings the form would refuse (an SLA of 0 hours): written straight to the row.
    await t.prisma.application.update({ where: { id: broken.app.id }, data: { config: { slaHours: 0 } } });

    const verdicts = await applyJobs(t.prisma, [...good.jobs, ...broken.jobs], {
      connectors,
      queue: t.queue,
    });

    expect([...verdicts.values()].every((v) => v === 'completed')).toBe(true);
    const goodOps = await t.prisma.provisioningOperation.findMany({
      where: { id: { in: good.ops.map((o) => o.id) } },
    });
    expect(goodOps.map((o) => o.status)).toEqual(goodOps.map(() => 'WAITING'));
    expect(
      await t.prisma.fulfilmentTask.count({ where: { operationId: { in: good.ops.map((o) => o.id) } } }),
    ).toBe(good.ops.length);
    const brokenOps = await t.prisma.provisioningOperation.findMany({
      where: { id: { in: broken.ops.map((o) => o.id) } },
    });
    expect(brokenOps.map((o) => o.status)).toEqual(brokenOps.map(() => 'FAILED'));
    expect(brokenOps.every((o) => /invalid MANUAL settings/.test(o.lastError ?? ''))).toBe(true);
    expect(
      await t.prisma.fulfilmentTask.count({ where: { operationId: { in: broken.ops.map((o) => o.id) } } }),
    ).toBe(0);
  });
});
