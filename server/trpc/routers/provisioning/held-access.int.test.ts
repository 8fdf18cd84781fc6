import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type TUserActor } from '@/server/auth/actor.ts';
import { planAccess, replanAccess } from '@/server/modules/provisioning/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { accessReplanJob } from '@/jobs/definitions/access-replan.ts';
import { lifecycleSweepJob } from '@/jobs/definitions/lifecycle-sweep.ts';
import type { TWorkerContext } from '@/jobs/define-job.ts';

/*
 * A disabled application commits no operation (planAccess leaves its changes for the re-plan that
 * enabling it starts), so a revocation or a new grant there would show nowhere: the plan marks the
 * person as held there, the overview and the application's page count and name the marks, and the
 * re-plan after enabling applies the changes and clears the marks (docs/decisions/111).
 */
let t: TTestContext;
let admin: TUserActor;
const api = () => t.caller(admin);

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.actor(
    (await createIdentity(t.prisma, { firstName: 'Ivy', lastName: 'Admin', portalRoles: ['IDENTITY_ADMIN'] }))
      .id,
  );
});
afterAll(async () => {
  await t?.close();
});

const settings = {
  key: 'held-crm',
  name: 'Held CRM',
  description: '',
  connectorType: 'SCIM' as const,
  config: { baseUrl: 'https://scim.example.test/v2', auth: { type: 'bearer' } },
  onDelete: 'DISABLE' as const,
  onDeleteAttributes: {},
  attributeMapping: {},
  accountRules: {},
  concurrency: 4,
  ownerId: null,
  fulfilmentTeamId: null,
};

describe('held work of a disabled application', () => {
  it('marks a revocation and a new grant held, shows them, and applies and clears them once enabled', async () => {
    const { id: appId } = await api().applications.save({
      ...settings,
      secrets: { token: 'a-token' },
      enabled: true,
    });
    const ent = await createEntitlement(t.prisma, appId, { name: 'CRM Users' });
    const ann = await createIdentity(t.prisma, { firstName: 'Ann', lastName: 'Held' });
    const bob = await createIdentity(t.prisma, { firstName: 'Bob', lastName: 'Waiting' });
    const cat = await createIdentity(t.prisma, { firstName: 'Cat', lastName: 'Undone' });
    const annGrant = await createGrant(t.prisma, { identityId: ann.id, entitlementId: ent.id });
    await t.prisma.$transaction((tx) =>
      planAccess(tx, [ann.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    const overviewOf = async () =>
      (await api().provisioning.overview()).applications.find((a) => a.id === appId)!;
    const operationsOf = (kind: 'REMOVE_ENTITLEMENT' | 'CREATE_ACCOUNT', identityId: string) =>
      t.prisma.provisioningOperation.count({ where: { applicationId: appId, kind, identityId } });
    expect((await overviewOf()).held).toEqual({ count: 0, since: null, people: [] });

    await api().applications.save({ ...settings, id: appId, secrets: {}, enabled: false });
    await api().directory.revokeGrant({ grantId: annGrant.id, reason: 'No longer needed' });
    await api().directory.grantAccess({
      identityId: bob.id,
      item: { kind: 'ENTITLEMENT', id: ent.id },
      reason: 'Joins sales',
    });
    // A grant ended again before the application is enabled leaves nothing held: its mark goes too.
    const { grantId: catGrant } = await api().directory.grantAccess({
      identityId: cat.id,
      item: { kind: 'ENTITLEMENT', id: ent.id },
      reason: 'By mistake',
    });
    await api().directory.revokeGrant({ grantId: catGrant, reason: 'Mistake' });

    const overview = await overviewOf();
    expect(overview).toMatchObject({
      enabled: false,
      disabledBy: { id: admin.identityId, displayName: 'Ivy Admin' },
    });
    expect(overview.disabledAt).toBeInstanceOf(Date);
    expect(overview.held.count).toBe(2);
    expect(overview.held.people).toEqual([
      { id: ann.id, displayName: 'Ann Held' },
      { id: bob.id, displayName: 'Bob Waiting' },
    ]);
    const page = await api().applications.get({ id: appId });
    expect(page.held).toEqual(overview.held);
    expect(page.disabledBy).toEqual(overview.disabledBy);
    // Nothing of it is an operation yet.
    expect([
      await operationsOf('REMOVE_ENTITLEMENT', ann.id),
      await operationsOf('CREATE_ACCOUNT', bob.id),
    ]).toEqual([0, 0]);
    // The pages that end access are told provisioning there is paused.
    const bobsGrants = (await api().directory.get({ identityId: bob.id })).grants;
    expect(bobsGrants.map((g) => g.pausedApplications)).toEqual([['Held CRM']]);

    const enabled = await api().applications.save({ ...settings, id: appId, secrets: {}, enabled: true });
    expect(enabled.replanning).toBe(true);
    // Until the re-plan runs, the changes still wait (the enable dialog says how many will be applied).
    expect((await overviewOf()).held.count).toBe(2);
    await replanAccess(t.prisma, { applicationId: appId, reason: 'APPLICATION_CHANGED' }, { queue: t.queue });

    expect([
      await operationsOf('REMOVE_ENTITLEMENT', ann.id),
      await operationsOf('CREATE_ACCOUNT', bob.id),
    ]).toEqual([1, 1]);
    expect(await t.prisma.heldAccess.count({ where: { applicationId: appId } })).toBe(0);
    expect(await overviewOf()).toMatchObject({
      enabled: true,
      disabledAt: null,
      disabledBy: null,
      held: { count: 0, since: null, people: [] },
    });
    expect((await api().directory.get({ identityId: bob.id })).grants[0]!.pausedApplications).toEqual([]);
  });

  it('a mark committed after the enable’s re-plan read the marks is planned by the hourly sweep, not left for ever', async () => {
    const { id: appId } = await api().applications.save({
      ...settings,
      key: 'held-late',
      name: 'Held Late',
      secrets: { token: 'a-token' },
      enabled: true,
    });
    const ent = await createEntitlement(t.prisma, appId, { name: 'Late Users' });
    const dan = await createIdentity(t.prisma, { firstName: 'Dan', lastName: 'Late' });
    await createGrant(t.prisma, { identityId: dan.id, entitlementId: ent.id });
    // What an HR batch that read the application as disabled commits after the enable's re-plan ended.
    await t.prisma.heldAccess.create({
      data: { applicationId: appId, identityId: dan.id, since: new Date() },
    });

    const ctx = { db: t.prisma, queue: t.queue, log: () => {} } as unknown as TWorkerContext;
    await lifecycleSweepJob.handle(
      [{ id: 'sweep', data: {} }] as Parameters<typeof lifecycleSweepJob.handle>[0],
      ctx,
    );

    expect(
      await t.prisma.provisioningOperation.count({
        where: { applicationId: appId, kind: 'CREATE_ACCOUNT', identityId: dan.id },
      }),
    ).toBe(1);
    expect(await t.prisma.heldAccess.count({ where: { applicationId: appId } })).toBe(0);
  });

  it('enabling an application disabled before marks existed re-plans everyone with an account or a grant there', async () => {
    const { id: appId } = await api().applications.save({
      ...settings,
      key: 'held-before-marks',
      name: 'Held Before Marks',
      secrets: { token: 'a-token' },
      enabled: true,
    });
    const ent = await createEntitlement(t.prisma, appId, { name: 'Old Users' });
    const fay = await createIdentity(t.prisma, { firstName: 'Fay', lastName: 'Revoked' });
    const gus = await createIdentity(t.prisma, { firstName: 'Gus', lastName: 'Granted' });
    const fayGrant = await createGrant(t.prisma, { identityId: fay.id, entitlementId: ent.id });
    await t.prisma.$transaction((tx) =>
      planAccess(tx, [fay.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    // Disabled, and its people's access changed, before the marks' migration: as then, no mark is left
    // (the plans of this code write them; they are taken away to stand for the plans of the old code).
    await t.prisma.$executeRaw`UPDATE "Application" SET enabled = false WHERE id = ${appId}::uuid`;
    await api().directory.revokeGrant({ grantId: fayGrant.id, reason: 'No longer needed' });
    await api().directory.grantAccess({
      identityId: gus.id,
      item: { kind: 'ENTITLEMENT', id: ent.id },
      reason: 'Joins support',
    });
    await t.prisma.heldAccess.deleteMany({ where: { applicationId: appId } });
    const operationsOf = (kind: 'REMOVE_ENTITLEMENT' | 'CREATE_ACCOUNT', identityId: string) =>
      t.prisma.provisioningOperation.count({ where: { applicationId: appId, kind, identityId } });
    expect([
      await operationsOf('REMOVE_ENTITLEMENT', fay.id),
      await operationsOf('CREATE_ACCOUNT', gus.id),
    ]).toEqual([0, 0]);

    expect(
      (
        await api().applications.save({
          ...settings,
          key: 'held-before-marks',
          name: 'Held Before Marks',
          id: appId,
          secrets: {},
          enabled: true,
        })
      ).replanning,
    ).toBe(true);
    // The job the enable enqueued, run as the worker runs it.
    const [job] = await t.prisma.$queryRaw<Array<{ data: unknown }>>`
      SELECT data FROM pgboss.job WHERE name = 'access.replan' AND data->>'applicationId' = ${appId}`;
    const ctx = { db: t.prisma, queue: t.queue, log: () => {} } as unknown as TWorkerContext;
    await accessReplanJob.handle(
      [{ id: 'replan', data: job!.data }] as Parameters<typeof accessReplanJob.handle>[0],
      ctx,
    );

    // Fay has an account there (her revocation), Gus a grant (his new account): both are planned.
    expect([
      await operationsOf('REMOVE_ENTITLEMENT', fay.id),
      await operationsOf('CREATE_ACCOUNT', gus.id),
    ]).toEqual([1, 1]);
  });

  it('a mark is work still owed: its application and its person cannot be deleted from under it', async () => {
    const app = await createApplication(t.prisma);
    const eve = await createIdentity(t.prisma, { firstName: 'Eve', lastName: 'Owed' });
    await t.prisma.heldAccess.create({ data: { applicationId: app.id, identityId: eve.id } });
    await expect(t.prisma.$executeRaw`DELETE FROM "Application" WHERE id = ${app.id}::uuid`).rejects.toThrow(
      /HeldAccess_applicationId_fkey/,
    );
    await expect(t.prisma.$executeRaw`DELETE FROM "Identity" WHERE id = ${eve.id}::uuid`).rejects.toThrow(
      /HeldAccess_identityId_fkey/,
    );
    expect(await t.prisma.heldAccess.count({ where: { applicationId: app.id } })).toBe(1);
  });
});
