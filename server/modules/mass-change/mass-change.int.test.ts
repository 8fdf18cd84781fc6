import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity, createRole } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe('the mass-change guard and the role what-if through tRPC', () => {
  it('lets only the identity team set the guard and preview a role edit; bad input changes nothing', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const bob = await createIdentity(t.prisma, {});
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki' });
    const role = await createRole(t.prisma, { name: 'Reader', entitlementIds: [wiki.id] });
    const [admin, employee] = [await t.callerFor(ivy.id), await t.callerFor(bob.id)];

    expect(await admin.massChange.getSettings()).toEqual({
      sharePercent: 10,
      minPeople: 10,
      scimWindowMinutes: 10,
    });
    expect((await errorOf(employee.massChange.saveSettings({ sharePercent: 50, minPeople: 1 })))?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await errorOf(employee.catalogAdmin.previewRoleChange({ roleId: role.id, entitlementIds: [] })))?.code,
    ).toBe('FORBIDDEN');
    expect((await errorOf(admin.massChange.saveSettings({ sharePercent: 0, minPeople: 1 })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect((await errorOf(admin.massChange.saveSettings({ sharePercent: 5, minPeople: 0 })))?.code).toBe(
      'BAD_REQUEST',
    );
    expect(await t.prisma.systemSetting.count({ where: { key: 'guard.mass_change' } })).toBe(0);

    expect(
      await admin.massChange.saveSettings({ sharePercent: 5, minPeople: 20, scimWindowMinutes: 30 }),
    ).toEqual({ sharePercent: 5, minPeople: 20, scimWindowMinutes: 30 });
    expect(await admin.massChange.getSettings()).toEqual({
      sharePercent: 5,
      minPeople: 20,
      scimWindowMinutes: 30,
    });
    expect(
      (await errorOf(admin.massChange.saveSettings({ sharePercent: 5, minPeople: 20, scimWindowMinutes: 0 })))
        ?.code,
    ).toBe('BAD_REQUEST');
    expect(await t.prisma.auditEvent.count({ where: { action: 'settings.mass_change_changed' } })).toBe(1);

    // A confirmation needs a real reason; an unknown role is a clear NOT_FOUND, not a 500.
    const save = {
      id: role.id,
      key: role.key,
      name: role.name,
      ownerId: null,
      risk: 'LOW' as const,
      requestable: true,
      maxDurationDays: null,
      entitlementIds: [wiki.id],
    };
    expect(
      (
        await errorOf(
          admin.catalogAdmin.saveRole({ ...save, confirmMassChange: { confirm: true, reason: ' ' } }),
        )
      )?.code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await errorOf(
          admin.catalogAdmin.previewRoleChange({ roleId: crypto.randomUUID(), entitlementIds: [wiki.id] }),
        )
      )?.code,
    ).toBe('NOT_FOUND');
    expect(
      await admin.catalogAdmin.previewRoleChange({ roleId: role.id, entitlementIds: [wiki.id] }),
    ).toMatchObject({ holders: 0, gains: [], losses: [], conflicts: [], massChange: { isHeld: false } });
  });
});
