import { Change, Attribute } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ensureGroup, withClient } from '@/server/seed/directory-setup.ts';
import { createApplication, createGrant, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { createAggregationScheduler } from '@/server/queue/aggregation-scheduler.ts';
import { aggregateEntitlements } from './aggregate-entitlements.ts';
import { syncAggregationSchedules } from './aggregation-schedules.ts';
import { listApplicationEntitlements } from './list-catalog-admin.ts';
import { saveEntitlement } from './save-entitlement.ts';

/*
 * Catalog aggregation against the run's real slapd (issue 11): groups added and deleted with raw
 * LDAP, read into the catalog as the identity team needs them.
 */
let t: TTestContext;
let dir: TTestDirectory;
const secretKey = parseSecretKey(TEST_SECRET_KEY);
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterAll(async () => {
  await t?.close();
});

const groupDn = (cn: string) => `cn=${cn},ou=groups,${dir.baseDn}`;
const deleteGroup = (cn: string) => withClient(dir.admin, (c) => c.del(groupDn(cn)));
const describeGroup = (cn: string, description: string) =>
  withClient(dir.admin, (c) =>
    c.modify(groupDn(cn), [
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'description', values: [description] }),
      }),
    ]),
  );

describe('catalog aggregation of an LDAP directory', () => {
  it('brings new groups in unreviewed, flags vanished ones and ends their grants, and clears the flag when one returns', async () => {
    const appOwner = await createIdentity(t.prisma);
    const groupOwner = await createIdentity(t.prisma);
    const holder = await createIdentity(t.prisma);
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const app = await createApplication(t.prisma, {
      name: 'Team Directory',
      connectorType: 'LDAP',
      config: { ...dir.config },
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
      ownerId: appOwner.id,
    });
    const run = (actor: TActor = systemActor('SCHEDULER')) =>
      aggregateEntitlements(t.prisma, { applicationId: app.id, actor }, { secretKey, queue: t.queue });
    const row = (cn: string) =>
      t.prisma.entitlement.findFirstOrThrow({ where: { applicationId: app.id, name: cn } });

    await ensureGroup(dir.admin, dir.baseDn, 'keep', 'Stays');
    // Typed into the catalog ahead of its group: never seen in the directory, so never "gone".
    const ahead = await t.prisma.entitlement.create({
      data: { applicationId: app.id, externalId: groupDn('not-yet'), name: 'Not yet', requestable: true },
    });
    expect(await run()).toMatchObject({ found: 1, discovered: 1, vanished: 0, returned: 0 });

    // A group added behind the portal's back, with a raw LDAP add.
    await ensureGroup(dir.admin, dir.baseDn, 'payroll-export', 'Export payroll files');
    await ensureGroup(dir.admin, dir.baseDn, 'ownerless', 'Nobody curates it');
    expect(await run()).toMatchObject({ found: 3, discovered: 2, vanished: 0 });
    const payroll = await row('payroll-export');
    expect(payroll).toMatchObject({
      review: 'UNREVIEWED',
      requestable: false,
      vanishedAt: null,
      description: 'Export payroll files',
      kind: 'GROUP',
    });
    expect(payroll.lastSeenAt).toBeInstanceOf(Date);
    expect(
      (await listApplicationEntitlements(t.prisma, app.id, 'unreviewed')).map((e) => e.name).sort(),
    ).toEqual(['keep', 'ownerless', 'payroll-export']);
    const discovered = await t.prisma.auditEvent.findMany({
      where: { action: 'catalog.entitlement_discovered', entityId: payroll.id },
    });
    expect(discovered).toHaveLength(1);

    // While unreviewed, the target's words follow; the identity team's review makes theirs stick.
    await describeGroup('payroll-export', 'Export payroll files to the bank');
    await run();
    expect((await row('payroll-export')).description).toBe('Export payroll files to the bank');
    await saveEntitlement(
      t.prisma,
      admin,
      {
        id: payroll.id,
        applicationId: app.id,
        externalId: payroll.externalId,
        name: 'Payroll export',
        description: 'Curated words',
        kind: 'GROUP',
        ownerId: groupOwner.id,
        risk: 'HIGH',
        requestable: true,
        singleValued: false,
        maxDurationDays: null,
      },
      { secretKey, queue: t.queue },
    );
    await describeGroup('payroll-export', 'Changed again in the directory');
    const seenBefore = (await t.prisma.entitlement.findUniqueOrThrow({ where: { id: payroll.id } }))
      .lastSeenAt!;
    await run();
    const reviewed = await t.prisma.entitlement.findUniqueOrThrow({ where: { id: payroll.id } });
    expect(reviewed).toMatchObject({
      review: 'REVIEWED',
      requestable: true,
      name: 'Payroll export',
      description: 'Curated words',
    });
    expect(reviewed.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(seenBefore.getTime());

    // The group is deleted in the directory: flagged, not requestable, its grant ended (kept), its owner told.
    const grant = await createGrant(t.prisma, {
      identityId: holder.id,
      entitlementId: payroll.id,
      source: 'REQUEST',
    });
    const ownerless = await row('ownerless');
    await deleteGroup('payroll-export');
    await deleteGroup('ownerless');
    expect(await run()).toMatchObject({ found: 1, vanished: 2, grantsEnded: 1 });
    const gone = await t.prisma.entitlement.findUniqueOrThrow({ where: { id: payroll.id } });
    expect(gone.vanishedAt).toBeInstanceOf(Date);
    expect(gone.requestable).toBe(false);
    const ended = await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(ended).toMatchObject({
      status: 'REVOKED',
      revokeReason: 'The group no longer exists in Team Directory',
    });
    expect(ended.revokedAt).toBeInstanceOf(Date);
    const told = await t.prisma.notification.findMany({
      where: { kind: 'catalog.entitlement_vanished' },
      select: { recipientId: true, title: true },
    });
    expect(told).toEqual(
      expect.arrayContaining([
        { recipientId: groupOwner.id, title: 'Payroll export no longer exists in Team Directory' },
        { recipientId: appOwner.id, title: 'ownerless no longer exists in Team Directory' },
      ]),
    );
    expect(told).toHaveLength(2);
    expect(await t.prisma.entitlement.findUniqueOrThrow({ where: { id: ahead.id } })).toMatchObject({
      vanishedAt: null,
      requestable: true,
      lastSeenAt: null,
    });
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'catalog.entitlement_vanished', entityId: { in: [payroll.id, ownerless.id] } },
      }),
    ).toBe(2);
    expect(await t.prisma.auditEvent.count({ where: { action: 'grant.revoked', entityId: grant.id } })).toBe(
      1,
    );
    expect((await listApplicationEntitlements(t.prisma, app.id, 'vanished')).map((e) => e.id).sort()).toEqual(
      [payroll.id, ownerless.id].sort(),
    );
    // A second run changes nothing more: no second notification, no second ending.
    expect(await run()).toMatchObject({ vanished: 0, grantsEnded: 0 });
    expect(await t.prisma.notification.count({ where: { kind: 'catalog.entitlement_vanished' } })).toBe(2);
    // A vanished entitlement cannot be offered.
    await expect(
      saveEntitlement(
        t.prisma,
        admin,
        {
          id: payroll.id,
          applicationId: app.id,
          externalId: payroll.externalId,
          name: 'Payroll export',
          description: '',
          kind: 'GROUP',
          ownerId: null,
          risk: 'HIGH',
          requestable: true,
          singleValued: false,
          maxDurationDays: null,
        },
        { secretKey, queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    // It comes back: the flag clears, it stays unrequestable until someone decides.
    await ensureGroup(dir.admin, dir.baseDn, 'payroll-export', 'Back again');
    expect(await run(admin)).toMatchObject({ returned: 1, discovered: 0, vanished: 0 });
    const back = await t.prisma.entitlement.findUniqueOrThrow({ where: { id: payroll.id } });
    expect(back).toMatchObject({ vanishedAt: null, requestable: false });
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'catalog.entitlement_returned', entityId: payroll.id },
      }),
    ).toBe(1);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      status: 'REVOKED',
    });
  });

  it('reads a target that lists nothing as a fault, not as every group deleted', async () => {
    const other = await createTestDirectory();
    const app = await createApplication(t.prisma, {
      connectorType: 'LDAP',
      config: { ...other.config },
      secrets: other.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const run = () =>
      aggregateEntitlements(
        t.prisma,
        { applicationId: app.id, actor: systemActor('SCHEDULER') },
        { secretKey, queue: t.queue },
      );
    await ensureGroup(other.admin, other.baseDn, 'only-one', 'The only group');
    expect(await run()).toMatchObject({ discovered: 1 });
    await withClient(other.admin, (c) => c.del(`cn=only-one,ou=groups,${other.baseDn}`));
    expect(await run()).toMatchObject({ found: 0, vanished: 0, emptyReadIgnored: true });
    expect(
      await t.prisma.entitlement.count({ where: { applicationId: app.id, vanishedAt: { not: null } } }),
    ).toBe(0);
  });

  it('refuses an application that cannot list entitlements, and one that does not exist', async () => {
    const manual = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    await expect(
      aggregateEntitlements(
        t.prisma,
        { applicationId: manual.id, actor: systemActor('SCHEDULER') },
        { secretKey, queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(
      aggregateEntitlements(
        t.prisma,
        { applicationId: crypto.randomUUID(), actor: systemActor('SCHEDULER') },
        { secretKey, queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('catalog aggregation schedules', () => {
  it('gives each listable application its aggregation cron (nightly by default), none to manual or unscheduled ones', async () => {
    const nightly = await createApplication(t.prisma, { connectorType: 'LDAP' });
    const hourly = await createApplication(t.prisma, { connectorType: 'LDAP' });
    await t.prisma.application.update({
      where: { id: hourly.id },
      data: { reconciliation: { aggregationSchedule: '15 * * * *' } },
    });
    const off = await createApplication(t.prisma, { connectorType: 'SCIM' });
    await t.prisma.application.update({
      where: { id: off.id },
      data: { reconciliation: { aggregationSchedule: null } },
    });
    const manual = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    const scheduler = createAggregationScheduler(t.boss);
    await syncAggregationSchedules(t.prisma, scheduler);
    const schedules = new Map((await t.boss.getSchedules('catalog.aggregate')).map((s) => [s.key, s]));
    expect(schedules.get(nightly.id)).toMatchObject({
      cron: '0 2 * * *',
      data: { applicationId: nightly.id },
    });
    expect(schedules.get(hourly.id)).toMatchObject({ cron: '15 * * * *' });
    expect(schedules.has(off.id)).toBe(false);
    expect(schedules.has(manual.id)).toBe(false);
    // An application that turns its schedule off loses it on the next sync.
    await t.prisma.application.update({
      where: { id: hourly.id },
      data: { reconciliation: { aggregationSchedule: null } },
    });
    await syncAggregationSchedules(t.prisma, scheduler);
    expect((await scheduler.list()).includes(hourly.id)).toBe(false);
  });
});
