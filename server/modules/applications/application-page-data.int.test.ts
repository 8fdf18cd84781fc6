import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('what the application pages read', () => {
  it('names the owner of an application', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const owner = await createIdentity(t.prisma, { displayName: 'Olga Owner' });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', ownerId: owner.id });
    const shown = await (await t.callerFor(admin.id)).applications.get({ id: app.id });
    expect(shown.owner).toEqual({ id: owner.id, displayName: 'Olga Owner' });
  });

  it('previews the username cut to the maximum length the account rules set', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const person = await createIdentity(t.prisma, {
      firstName: 'Maximilian',
      lastName: 'Lindqvist-Oyelaran',
      username: 'max.l',
    });
    const caller = await t.callerFor(admin.id);
    const input = {
      identityId: person.id,
      connectorType: 'LDAP' as const,
      attributeMapping: {},
      usernameTemplate: '{firstName|lower}.{lastName|lower|ascii}',
    };
    expect((await caller.applications.previewMapping(input)).username).toBe('maximilian.lindqvist-oyelaran');
    expect((await caller.applications.previewMapping({ ...input, maxLength: 12 })).username).toBe(
      'maximilian.l',
    );
  });
});
