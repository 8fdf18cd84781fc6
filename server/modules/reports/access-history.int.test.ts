import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRole } from '@/server/modules/catalog/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listAccessRows } from './access-as-of.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** The database's clock, which stamps the history; a few ms apart so that "before" and "after" differ. */
async function moment(): Promise<Date> {
  await new Promise((r) => setTimeout(r, 5));
  const [row] = await t.prisma.$queryRaw<
    Array<{ now: Date }>
  >`SELECT timezone('UTC', now())::timestamp(3) AS now`;
  await new Promise((r) => setTimeout(r, 5));
  return row!.now;
}

const holderNames = async (entitlementId: string, at: Date) =>
  (await listAccessRows(t.prisma, { entitlementId, at })).rows.map((h) => h.username);
const heldBy = async (identityId: string, at: Date) =>
  (await listAccessRows(t.prisma, { identityId, at })).rows;

describe('access history: closed, never deleted, and asked as of any moment', () => {
  it('answers who held X and what Y held across a grant’s start and revocation and a role whose contents changed', async () => {
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const payments = await createEntitlement(t.prisma, app.id, { name: 'Payments' });
    const reports = await createEntitlement(t.prisma, app.id, { name: 'Reports' });
    const role = await createRole(t.prisma, { entitlementIds: [payments.id] });
    const pat = await createIdentity(t.prisma, { username: 'pat-h' });
    const quinn = await createIdentity(t.prisma, { username: 'quinn-h' });

    const beforeAnything = await moment();
    const direct = await createGrant(t.prisma, {
      identityId: pat.id,
      entitlementId: reports.id,
      source: 'REQUEST',
      sourceRef: 'request-1',
      startsAt: await moment(),
    });
    await createGrant(t.prisma, {
      identityId: quinn.id,
      roleId: role.id,
      source: 'BIRTHRIGHT',
      startsAt: await moment(),
    });
    const whileRoleHadPayments = await moment();

    // The role now bundles Reports instead of Payments.
    await saveRole(
      t.prisma,
      admin,
      {
        id: role.id,
        key: role.key,
        name: role.name,
        description: '',
        ownerId: null,
        risk: 'LOW',
        requestable: true,
        maxDurationDays: null,
        entitlementIds: [reports.id],
      },
      { queue: t.queue },
    );
    const afterRoleChange = await moment();

    await t.prisma.grant.update({
      where: { id: direct.id },
      data: { status: 'REVOKED', revokedAt: await moment(), revokeReason: 'left the project' },
    });
    const afterRevocation = await moment();

    expect(await holderNames(payments.id, beforeAnything)).toEqual([]);
    expect(await holderNames(payments.id, whileRoleHadPayments)).toEqual(['quinn-h']);
    expect(await holderNames(payments.id, afterRoleChange)).toEqual([]);
    expect((await holderNames(reports.id, whileRoleHadPayments)).sort()).toEqual(['pat-h']);
    expect((await holderNames(reports.id, afterRoleChange)).sort()).toEqual(['pat-h', 'quinn-h']);
    expect(await holderNames(reports.id, afterRevocation)).toEqual(['quinn-h']);

    const patThen = await listAccessRows(t.prisma, { entitlementId: reports.id, at: afterRoleChange });
    expect(patThen.rows.find((h) => h.username === 'pat-h')?.reasons).toEqual([
      expect.objectContaining({
        grantId: direct.id,
        source: 'REQUEST',
        sourceRef: 'request-1',
        roleId: null,
        endedAt: expect.any(Date),
      }),
    ]);
    const patLater = await t.prisma.grant.findUniqueOrThrow({ where: { id: direct.id } });
    expect(patLater.endedAt).toEqual(patLater.revokedAt);

    expect(
      (await heldBy(quinn.id, whileRoleHadPayments)).map((a) => [a.entitlementName, a.reasons[0]?.roleId]),
    ).toEqual([['Payments', role.id]]);
    expect((await heldBy(quinn.id, afterRoleChange)).map((a) => a.entitlementName)).toEqual(['Reports']);
    expect(await heldBy(pat.id, afterRevocation)).toEqual([]);

    // An entitlement that stays in the role keeps its one period (saving did not delete and re-add it).
    await saveRole(
      t.prisma,
      admin,
      {
        id: role.id,
        key: role.key,
        name: 'Renamed',
        description: '',
        ownerId: null,
        risk: 'LOW',
        requestable: true,
        maxDurationDays: null,
        entitlementIds: [reports.id, payments.id],
      },
      { queue: t.queue },
    );
    const periods = await t.prisma.roleEntitlementPeriod.findMany({
      where: { roleId: role.id },
      orderBy: { startedAt: 'asc' },
    });
    expect(
      periods.map((p) => [p.entitlementId === payments.id ? 'Payments' : 'Reports', p.endedAt === null]),
    ).toEqual([
      ['Payments', false],
      ['Reports', true],
      ['Payments', true],
    ]);
  });

  it('keeps a membership the target held after it is removed, and says whether the target had it at a moment', async () => {
    const app = await createApplication(t.prisma);
    const group = await createEntitlement(t.prisma, app.id, { name: 'Group' });
    const rae = await createIdentity(t.prisma, { username: 'rae-h' });
    const account = await t.prisma.account.create({
      data: { applicationId: app.id, identityId: rae.id, username: 'rae-h' },
    });
    await createGrant(t.prisma, { identityId: rae.id, entitlementId: group.id, startsAt: await moment() });
    await t.prisma.accountEntitlement.create({ data: { accountId: account.id, entitlementId: group.id } });
    const planned = await moment();
    await t.prisma.accountEntitlement.update({
      where: { accountId_entitlementId: { accountId: account.id, entitlementId: group.id } },
      data: { status: 'ACTIVE', confirmedAt: await moment() },
    });
    const confirmed = await moment();
    await t.prisma.accountEntitlement.deleteMany({ where: { accountId: account.id } });
    const removed = await moment();

    const inTarget = async (at: Date) =>
      (await listAccessRows(t.prisma, { entitlementId: group.id, at })).rows.find(
        (h) => h.username === 'rae-h',
      )?.inTarget;
    expect(await inTarget(planned)).toBe(false);
    expect(await inTarget(confirmed)).toBe(true);
    expect(await inTarget(removed)).toBe(false);
    const [period] = await t.prisma.accountEntitlementPeriod.findMany({ where: { accountId: account.id } });
    expect(period).toMatchObject({
      entitlementId: group.id,
      confirmedAt: expect.any(Date),
      endedAt: expect.any(Date),
    });
  });

  it('refuses to delete history: grants, periods, and an application or entitlement that has them', async () => {
    const app = await createApplication(t.prisma);
    const ent = await createEntitlement(t.prisma, app.id);
    const person = await createIdentity(t.prisma);
    const account = await t.prisma.account.create({
      data: { applicationId: app.id, identityId: person.id, username: `u-${person.id.slice(0, 8)}` },
    });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: ent.id });
    await t.prisma.accountEntitlement.create({ data: { accountId: account.id, entitlementId: ent.id } });

    // The portal's role may not delete history at all (server/db/app-role.ts); the triggers refuse
    // even the owner, with restrict_violation (Prisma reports it as a foreign-key refusal).
    await expect(t.prisma.grant.deleteMany({ where: { identityId: person.id } })).rejects.toThrow();
    await expect(t.ownerPrisma.grant.deleteMany({ where: { identityId: person.id } })).rejects.toThrow();
    await expect(
      t.ownerPrisma.accountEntitlementPeriod.deleteMany({ where: { accountId: account.id } }),
    ).rejects.toThrow();
    await expect(
      t.ownerPrisma.$executeRawUnsafe(`DELETE FROM "Grant" WHERE "identityId" = '${person.id}'`),
    ).rejects.toThrow(/history is kept/);
    await expect(t.ownerPrisma.$executeRawUnsafe('TRUNCATE "RoleEntitlementPeriod"')).rejects.toThrow(
      /history is kept/,
    );
    await expect(t.prisma.entitlement.delete({ where: { id: ent.id } })).rejects.toThrow();
    await expect(t.prisma.application.delete({ where: { id: app.id } })).rejects.toThrow();
    expect(await t.prisma.grant.count({ where: { identityId: person.id } })).toBe(1);
    expect(await t.prisma.accountEntitlementPeriod.count({ where: { accountId: account.id } })).toBe(1);
    expect(await t.prisma.entitlement.count({ where: { id: ent.id } })).toBe(1);
  });
});
