import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { replanAccess, SOD_INLINE_PEOPLE } from '@/server/modules/provisioning/index.ts';
import { listSodRules, saveSodRule } from '@/server/modules/sod/index.ts';
import { sodRefreshJob } from '@/jobs/definitions/sod-refresh.ts';
import { sodScanJob } from '@/jobs/definitions/sod-scan.ts';
import type { TWorkerContext } from '@/jobs/define-job.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { grantDirectly } from './grant-directly.ts';
import { revokeGrant } from './revoke-grant.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;

/**
 * The detective SoD state follows what people hold, in the transaction of the change (planAccess),
 * not at the nightly scan: no test here runs a scan but the last, a rule's own save (a new rule changes
 * nobody's access, so it enqueues the scan in its transaction).
 */
describe('SoD violations follow grants', () => {
  it('opens a violation with the direct grant that causes it, and resolves it when the grant is revoked, at that time', async () => {
    const ivy = await createIdentity(t.prisma, {
      firstName: 'Ivy',
      portalRoles: ['IDENTITY_ADMIN', 'SECURITY_OFFICER'],
    });
    const raj = await createIdentity(t.prisma, { firstName: 'Raj' });
    const app = await createApplication(t.prisma);
    const ap = await createEntitlement(t.prisma, app.id, { name: 'Accounts Payable' });
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'General Ledger Admin' });
    const rule = await createSodRule(t.prisma, {
      name: 'Ledger and payables',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: ap.id }],
      sideB: [{ entitlementId: ledger.id }],
    });
    await createGrant(t.prisma, {
      identityId: raj.id,
      entitlementId: ap.id,
      startsAt: new Date(Date.now() - 10 * DAY),
    });
    const grantedAt = new Date(Date.now() - 2 * DAY);
    const { grantId } = await grantDirectly(
      t.prisma,
      await t.actor(ivy.id),
      {
        identityId: raj.id,
        item: { kind: 'ENTITLEMENT', id: ledger.id },
        reason: 'Quarter close',
        mitigation: { control: 'Weekly journal review', expiresAt: new Date(Date.now() + 30 * DAY) },
      },
      { queue: t.queue, now: grantedAt },
    );
    const opened = await t.prisma.sodViolation.findFirstOrThrow({
      where: { ruleId: rule.id, identityId: raj.id },
    });
    expect(opened).toMatchObject({ detectedAt: grantedAt, resolvedAt: null });
    expect(opened.mitigationId).not.toBeNull();
    expect((await listSodRules(t.prisma)).find((r) => r.id === rule.id)?.openViolations).toBe(1);

    const revokedAt = new Date(Date.now() - DAY);
    await revokeGrant(
      t.prisma,
      await t.actor(ivy.id),
      { grantId, reason: 'Close done' },
      { queue: t.queue, now: revokedAt, closePendingExtensions },
    );
    expect(await t.prisma.sodViolation.findMany({ where: { ruleId: rule.id } })).toEqual([
      expect.objectContaining({ id: opened.id, detectedAt: grantedAt, resolvedAt: revokedAt }),
    ]);
    expect((await listSodRules(t.prisma)).find((r) => r.id === rule.id)?.openViolations).toBe(0);
  });

  it('checks nobody whose grants did not change in the plan: neither inline nor by a job', async () => {
    const app = await createApplication(t.prisma);
    const ap = await createEntitlement(t.prisma, app.id, { name: 'Payables (unchanged)' });
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger (unchanged)' });
    const rule = await createSodRule(t.prisma, {
      name: 'Unchanged rule',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: ap.id }],
      sideB: [{ entitlementId: ledger.id }],
    });
    // Both sides held, written past planAccess (as the nightly scan would find them): a check opens
    // a violation, so an open violation shows a check ran.
    const people = await Promise.all(
      Array.from({ length: SOD_INLINE_PEOPLE + 5 }, (_, i) =>
        createIdentity(t.prisma, { firstName: `Same${i}` }),
      ),
    );
    for (const p of people) {
      await createGrant(t.prisma, { identityId: p.id, entitlementId: ap.id });
      await createGrant(t.prisma, { identityId: p.id, entitlementId: ledger.id });
    }
    const ids = people.map((p) => p.id);
    const few = ids.slice(0, 3);
    const open = () => t.prisma.sodViolation.count({ where: { ruleId: rule.id, resolvedAt: null } });
    const refreshJobs = () => t.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id::text FROM pgboss.job WHERE name = 'sod.refresh' AND data->'identityIds' ?| ${ids}::text[]`;

    // An application's new settings re-plan everyone in it; nobody's grants changed.
    await replanAccess(
      t.prisma,
      { identityIds: few, reason: 'TEST', accessChanged: false },
      { queue: t.queue },
    );
    expect(await open()).toBe(0);
    await replanAccess(
      t.prisma,
      { identityIds: ids, reason: 'TEST', accessChanged: false },
      { queue: t.queue },
    );
    expect(await refreshJobs()).toEqual([]);

    // Not said: the plan checks them (inline for a few).
    await replanAccess(t.prisma, { identityIds: few, reason: 'TEST' }, { queue: t.queue });
    expect(await open()).toBe(few.length);
  });

  it('checks a plan of more people than it checks inline in a job enqueued with the plan, which opens their violations', async () => {
    const app = await createApplication(t.prisma);
    const ap = await createEntitlement(t.prisma, app.id, { name: 'Payables (batch)' });
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger (batch)' });
    const rule = await createSodRule(t.prisma, {
      name: 'Batch rule',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: ap.id }],
      sideB: [{ entitlementId: ledger.id }],
    });
    const people = await Promise.all(
      Array.from({ length: SOD_INLINE_PEOPLE + 5 }, (_, i) =>
        createIdentity(t.prisma, { firstName: `Batch${i}` }),
      ),
    );
    for (const p of people) {
      await createGrant(t.prisma, { identityId: p.id, entitlementId: ap.id });
      await createGrant(t.prisma, { identityId: p.id, entitlementId: ledger.id });
    }
    const ids = people.map((p) => p.id);
    await replanAccess(t.prisma, { identityIds: ids, reason: 'TEST' }, { queue: t.queue });
    // Nothing checked in the plan's transaction: the job does it.
    expect(await t.prisma.sodViolation.count({ where: { ruleId: rule.id } })).toBe(0);
    const jobs = await t.prisma.$queryRaw<Array<{ id: string; data: { identityIds: string[] } }>>`
      SELECT id::text, data FROM pgboss.job WHERE name = 'sod.refresh' AND data->'identityIds' ?| ${ids}::text[]`;
    expect(jobs.flatMap((j) => j.data.identityIds).sort()).toEqual([...ids].sort());

    const ctx = { db: t.prisma, queue: t.queue, log: () => {} } as unknown as TWorkerContext;
    await sodRefreshJob.handle(
      jobs.map((j) => ({ id: j.id, data: j.data })) as Parameters<typeof sodRefreshJob.handle>[0],
      ctx,
    );
    expect(await t.prisma.sodViolation.count({ where: { ruleId: rule.id, resolvedAt: null } })).toBe(
      people.length,
    );
  });

  it('a rule saved while people already hold both its sides counts them through the scan its save enqueued, not at night', async () => {
    const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
    const kim = await createIdentity(t.prisma, { firstName: 'Kim' });
    const app = await createApplication(t.prisma);
    const vendors = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
    const payments = await createEntitlement(t.prisma, app.id, { name: 'Payment release' });
    for (const e of [vendors, payments])
      await createGrant(t.prisma, {
        identityId: kim.id,
        entitlementId: e.id,
        startsAt: new Date(Date.now() - DAY),
      });
    await t.prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = 'sod.scan'`;

    const { id: ruleId } = await saveSodRule(
      t.prisma,
      await t.actor(ivy.id),
      {
        name: 'Vendors and payments',
        description: '',
        severity: 'BLOCK',
        enabled: true,
        sideA: [{ kind: 'ENTITLEMENT', id: vendors.id }],
        sideB: [{ kind: 'ENTITLEMENT', id: payments.id }],
      },
      { queue: t.queue },
    );
    const jobs = await t.prisma.$queryRaw<Array<{ id: string; data: object }>>`
      SELECT id::text, data FROM pgboss.job WHERE name = 'sod.scan' AND state = 'created'`;
    expect(jobs).toHaveLength(1);
    expect(await t.prisma.sodViolation.count({ where: { ruleId } })).toBe(0);

    const ctx = { db: t.prisma, queue: t.queue, log: () => {} } as unknown as TWorkerContext;
    await sodScanJob.handle(jobs as Parameters<typeof sodScanJob.handle>[0], ctx);
    expect(
      await t.prisma.sodViolation.findMany({
        where: { ruleId, resolvedAt: null },
        select: { identityId: true },
      }),
    ).toEqual([{ identityId: kim.id }]);
  });
});
