import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('people by hand (tRPC)', () => {
  it('lets the identity team add a person; an auditor may read them but neither add, switch off nor grant', async () => {
    const admin = await t.callerFor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const auditor = await t.callerFor((await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] })).id);
    const made = await admin.directory.createPerson({
      firstName: 'Sol',
      lastName: 'Owner',
      email: 'sol@services.test',
      employmentType: 'EMPLOYEE',
      title: 'Service owner',
    });
    expect(made.username).toBe('sol');
    const person = await auditor.directory.get({ identityId: made.identityId });
    expect(person).toMatchObject({ title: 'Service owner', origin: 'ADMIN', ownedBy: {} });

    await expect(
      auditor.directory.createPerson({
        firstName: 'No',
        lastName: 'Body',
        email: 'no@body.test',
        employmentType: 'EMPLOYEE',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      auditor.directory.setStatus({ identityId: made.identityId, action: 'TERMINATE', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(auditor.directory.grantableItems()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: made.identityId } })).status).toBe(
      'ACTIVE',
    );
  });

  it('refuses a caller’s mistakes clearly: a blank reason, a malformed day, an over-long name', async () => {
    const admin = await t.callerFor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const someone = await createIdentity(t.prisma);
    await expect(
      admin.directory.setStatus({ identityId: someone.id, action: 'SUSPEND', reason: '   ' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin.directory.editPerson({ identityId: someone.id, changes: { endDate: '31/12/2099' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin.directory.createPerson({
        firstName: 'x'.repeat(65),
        lastName: 'Long',
        email: 'long@x.test',
        employmentType: 'EMPLOYEE',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: someone.id } })).status).toBe('ACTIVE');
  });
});
