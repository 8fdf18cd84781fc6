import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { setPortalRoles } from './set-portal-roles.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );
const rolesOf = async (identityId: string) =>
  (await t.prisma.identityPortalRole.findMany({ where: { identityId }, orderBy: { role: 'asc' } })).map(
    (r) => r.role,
  );

describe('portal roles, granted by the identity team', () => {
  it('an identity admin grants and takes away roles; the person’s history says so', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const bob = await createIdentity(t.prisma);
    const admin = await t.callerFor(ivy.id);
    expect(
      await admin.directory.setPortalRoles({ identityId: bob.id, roles: ['AUDITOR', 'SECURITY_OFFICER'] }),
    ).toEqual({ roles: ['AUDITOR', 'SECURITY_OFFICER'] });
    expect(await rolesOf(bob.id)).toEqual(['AUDITOR', 'SECURITY_OFFICER']);
    expect((await t.actor(bob.id)).roles.has('AUDITOR')).toBe(true);
    await admin.directory.setPortalRoles({ identityId: bob.id, roles: ['SECURITY_OFFICER'] });
    const detail = await admin.directory.get({ identityId: bob.id });
    expect(detail.portalRoles).toEqual(['SECURITY_OFFICER']);
    expect(detail.history.map((h) => [h.summary, h.changes])).toContainEqual([
      `${ivy.displayName} changed ${bob.displayName}’s portal roles`,
      ['Portal roles: Auditor, Security officer → Security officer'],
    ]);
    const audit = await t.prisma.auditEvent.findMany({
      where: { action: 'identity.portal_roles_changed', entityId: bob.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.actorId, a.after])).toEqual([
      [ivy.id, { roles: ['AUDITOR', 'SECURITY_OFFICER'] }],
      [ivy.id, { roles: ['SECURITY_OFFICER'] }],
    ]);
  });

  it('refuses callers who are not identity admins, self-demotion, leavers and unknown people, and changes nothing', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const audrey = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const gone = await createIdentity(t.prisma, { status: 'TERMINATED' });
    const auditor = await errorOf(
      (await t.callerFor(audrey.id)).directory.setPortalRoles({
        identityId: audrey.id,
        roles: ['AUDITOR', 'IDENTITY_ADMIN'],
      }),
    );
    expect(auditor?.code).toBe('FORBIDDEN');
    const admin = await t.callerFor(ivy.id);
    const self = await errorOf(admin.directory.setPortalRoles({ identityId: ivy.id, roles: [] }));
    expect(self?.code).toBe('FORBIDDEN');
    expect(self?.cause).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(self?.message).toMatch(/another identity admin/);
    expect(
      (await errorOf(admin.directory.setPortalRoles({ identityId: gone.id, roles: ['AUDITOR'] })))?.code,
    ).toBe('BAD_REQUEST');
    expect(
      (await errorOf(admin.directory.setPortalRoles({ identityId: crypto.randomUUID(), roles: ['AUDITOR'] })))
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await errorOf(admin.directory.setPortalRoles({ identityId: audrey.id, roles: ['ROOT' as never] })))
        ?.code,
    ).toBe('BAD_REQUEST');
    expect([await rolesOf(ivy.id), await rolesOf(audrey.id), await rolesOf(gone.id)]).toEqual([
      ['IDENTITY_ADMIN'],
      ['AUDITOR'],
      [],
    ]);
  });

  it('leaves roles the identity provider decides to its groups', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const cleo = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const actor = await t.actor(ivy.id);
    await expect(
      setPortalRoles(t.prisma, actor, { identityId: cleo.id, roles: [] }, { managedByIdp: ['AUDITOR'] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /identity provider/ });
    expect(
      await setPortalRoles(
        t.prisma,
        actor,
        { identityId: cleo.id, roles: ['AUDITOR', 'SECURITY_OFFICER'] },
        { managedByIdp: ['AUDITOR'] },
      ),
    ).toEqual({ roles: ['AUDITOR', 'SECURITY_OFFICER'] });
  });

  it('nobody gives themselves a role: refused, audited once, offered to nobody; a colleague grants it, and giving one up stays allowed', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const ian = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const ivys = await t.callerFor(ivy.id);
    for (const roles of [
      ['IDENTITY_ADMIN', 'AUDITOR'],
      ['IDENTITY_ADMIN', 'SECURITY_OFFICER'],
    ] as const) {
      const refused = await errorOf(ivys.directory.setPortalRoles({ identityId: ivy.id, roles: [...roles] }));
      expect(refused?.code).toBe('FORBIDDEN');
      expect(refused?.cause).toMatchObject({
        code: 'SELF_APPROVAL',
        message: 'You cannot give yourself a portal role: another identity admin decides it',
      });
    }
    expect(await rolesOf(ivy.id)).toEqual(['IDENTITY_ADMIN']);
    expect(
      await t.prisma.auditEvent.count({
        where: { actorId: ivy.id, action: 'access.refused', entityId: 'directory.setPortalRoles' },
      }),
    ).toBe(2);
    // The page offers her no checkbox for what she lacks, and says who decides; Ian sees none locked.
    expect((await ivys.directory.get({ identityId: ivy.id })).lockedRoles).toEqual([
      { role: 'IDENTITY_ADMIN', reason: 'Another identity admin must take this away' },
      { role: 'AUDITOR', reason: 'Another identity admin grants this to you' },
      { role: 'SECURITY_OFFICER', reason: 'Another identity admin grants this to you' },
    ]);
    const ians = await t.callerFor(ian.id);
    expect((await ians.directory.get({ identityId: ivy.id })).lockedRoles).toEqual([]);
    await ians.directory.setPortalRoles({ identityId: ivy.id, roles: ['IDENTITY_ADMIN', 'AUDITOR'] });
    expect((await ivys.directory.get({ identityId: ivy.id })).lockedRoles.map((l) => l.role)).toEqual([
      'IDENTITY_ADMIN',
      'SECURITY_OFFICER',
    ]);
    expect(await ivys.directory.setPortalRoles({ identityId: ivy.id, roles: ['IDENTITY_ADMIN'] })).toEqual({
      roles: ['IDENTITY_ADMIN'],
    });
  });
});
