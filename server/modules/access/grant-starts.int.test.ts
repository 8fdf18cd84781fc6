import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction } from '@/server/db/client.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { grantDirectly } from './grant-directly.ts';
import { GRANT_START_OVERLAP_MS, startGrants } from './start-grants.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the grant's writer does: plan the person, naming them as changed (the grant came now). */
const planWritten = (identityId: string, now: Date) =>
  inTransaction(t.prisma, (tx) =>
    planAccess(
      tx,
      [identityId],
      { reason: 'ADMIN_GRANT', actor: systemActor('SCHEDULER'), accessChangedFor: [identityId] },
      { queue: t.queue, now },
    ),
  );

/**
 * A grant written to start tomorrow is not in force when it is written: its writer's plan neither
 * provisions it nor sees its SoD conflict. When its start comes, the grants.start job plans its
 * person, so the violation opens then, with no nightly scan.
 */
describe('grants that start later', () => {
  it('open their SoD violation and their provisioning when the start comes, for exactly their people, once', async () => {
    const app = await createApplication(t.prisma);
    const payables = await createEntitlement(t.prisma, app.id, { name: 'Payables' });
    const vendors = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
    const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki' });
    const rule = await createSodRule(t.prisma, {
      name: 'Payables and vendors',
      severity: 'BLOCK',
      sideA: [{ entitlementId: payables.id }],
      sideB: [{ entitlementId: vendors.id }],
    });
    const now = new Date();
    const raj = await createIdentity(t.prisma, { firstName: 'Raj' });
    const ann = await createIdentity(t.prisma, { firstName: 'Ann' });
    const sam = await createIdentity(t.prisma, { firstName: 'Sam' });
    await createGrant(t.prisma, {
      identityId: raj.id,
      entitlementId: payables.id,
      startsAt: new Date(now.getTime() - 10 * DAY),
    });
    await createGrant(t.prisma, {
      identityId: raj.id,
      entitlementId: vendors.id,
      startsAt: new Date(now.getTime() + DAY),
    });
    await planWritten(raj.id, now);
    // Ann's vendor grant starts in three days; Sam's wiki grant starts as it is written, as every
    // grant the portal writes today: neither is due tomorrow.
    await createGrant(t.prisma, {
      identityId: ann.id,
      entitlementId: payables.id,
      startsAt: new Date(now.getTime() - DAY),
    });
    await createGrant(t.prisma, {
      identityId: ann.id,
      entitlementId: vendors.id,
      startsAt: new Date(now.getTime() + 3 * DAY),
    });
    await planWritten(ann.id, now);
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    await grantDirectly(
      t.prisma,
      await t.actor(ivy.id),
      { identityId: sam.id, item: { kind: 'ENTITLEMENT', id: wiki.id }, reason: 'Onboarding' },
      { queue: t.queue, now },
    );
    // A grant that takes the database's defaults for both times starts as it is written too.
    await createGrant(t.prisma, { identityId: sam.id, entitlementId: payables.id });
    const written = await t.prisma.grant.findMany({
      where: { identityId: sam.id },
      select: { startsAt: true, createdAt: true },
    });
    expect(written.every((g) => g.startsAt <= g.createdAt)).toBe(true);

    const open = (identityId: string) =>
      t.prisma.sodViolation.findMany({ where: { ruleId: rule.id, identityId, resolvedAt: null } });
    const vendorsHeldBy = (identityId: string) =>
      t.prisma.accountEntitlement.count({
        where: { entitlementId: vendors.id, account: { identityId } },
      });
    expect(await open(raj.id)).toEqual([]);
    expect(await vendorsHeldBy(raj.id)).toBe(0);

    const tomorrow = new Date(now.getTime() + DAY + HOUR);
    expect(await startGrants(t.prisma, { queue: t.queue, now: tomorrow })).toMatchObject({ people: 1 });
    expect(await open(raj.id)).toEqual([expect.objectContaining({ detectedAt: tomorrow })]);
    expect(await vendorsHeldBy(raj.id)).toBe(1);
    expect(await open(ann.id)).toEqual([]);

    // The start is planned once: the next run's window begins where this one ended.
    expect(await startGrants(t.prisma, { queue: t.queue, now: new Date(tomorrow.getTime() + HOUR) })).toEqual(
      {
        people: 0,
        operations: 0,
      },
    );
    const later = new Date(now.getTime() + 3 * DAY + HOUR);
    expect(await startGrants(t.prisma, { queue: t.queue, now: later })).toMatchObject({ people: 1 });
    expect(await open(ann.id)).toEqual([expect.objectContaining({ detectedAt: later })]);
  });

  it('are planned by the next run when their transaction commits after the run whose window held the start', async () => {
    const app = await createApplication(t.prisma);
    const payables = await createEntitlement(t.prisma, app.id, { name: 'Payables' });
    const vendors = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
    const rule = await createSodRule(t.prisma, {
      name: 'Payables and vendors, late',
      severity: 'BLOCK',
      sideA: [{ entitlementId: payables.id }],
      sideB: [{ entitlementId: vendors.id }],
    });
    const lee = await createIdentity(t.prisma, { firstName: 'Lee' });
    await createGrant(t.prisma, { identityId: lee.id, entitlementId: payables.id });
    // Later than every run of the test before, whose last window the setting keeps (it never moves back).
    const starts = new Date(Date.now() + 10 * DAY);
    const firstRun = new Date(starts.getTime() + 60_000);
    let release!: () => void;
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const writing = t.prisma.$transaction(
      async (tx) => {
        await createGrant(tx, { identityId: lee.id, entitlementId: vendors.id, startsAt: starts });
        written();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeout: 60_000 },
    );
    await isWritten;
    // The run reads its window while the grant's transaction is open: the start is in the window, the row
    // is not in the run's snapshot.
    await startGrants(t.prisma, { queue: t.queue, now: firstRun });
    release();
    await writing;

    const open = () =>
      t.prisma.sodViolation.findMany({ where: { ruleId: rule.id, identityId: lee.id, resolvedAt: null } });
    const vendorsHeld = () =>
      t.prisma.accountEntitlement.count({
        where: { entitlementId: vendors.id, account: { identityId: lee.id } },
      });
    expect(await vendorsHeld()).toBe(0);
    const nextRun = new Date(firstRun.getTime() + 5 * 60_000);
    await startGrants(t.prisma, { queue: t.queue, now: nextRun });
    expect(await open()).toEqual([expect.objectContaining({ detectedAt: nextRun })]);
    expect(await vendorsHeld()).toBe(1);

    // A run whose overlap still holds the start plans Lee again, and that changes nothing.
    const planned = await startGrants(t.prisma, {
      queue: t.queue,
      now: new Date(nextRun.getTime() + 60_000),
    });
    expect(planned.people).toBeGreaterThanOrEqual(1);
    expect(await open()).toEqual([expect.objectContaining({ detectedAt: nextRun })]);
    expect(await vendorsHeld()).toBe(1);
    // Once a run's window and its overlap both begin after the start, nobody is planned for it.
    const beyond = new Date(starts.getTime() + GRANT_START_OVERLAP_MS + 60_000);
    await startGrants(t.prisma, { queue: t.queue, now: beyond });
    expect(await startGrants(t.prisma, { queue: t.queue, now: new Date(beyond.getTime() + 60_000) })).toEqual(
      {
        people: 0,
        operations: 0,
      },
    );
  });
});
