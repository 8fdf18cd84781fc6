import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateScimToken, hashScimToken } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('SCIM tokens (tRPC)', () => {
  it('lets identity admins create (shown once, stored hashed), list and revoke tokens', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], displayName: 'Ivy Admin' });
    const api = await t.callerFor(ivy.id);
    // With no SCIM source yet, the default one is there to choose.
    const [source, ...more] = await api.scimTokens.sources();
    expect([source?.name, more]).toEqual(['SCIM (IdP)', []]);
    const created = await api.scimTokens.create({ name: 'Okta production', sourceId: source!.id });
    expect(created.token).toMatch(/^gh_scim_[\w-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 13));
    const row = await t.prisma.scimToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashScimToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await authenticateScimToken(t.prisma, created.token)).toMatchObject({ tokenId: created.id });

    const [listed] = await api.scimTokens.list();
    expect(listed).toMatchObject({
      name: 'Okta production',
      prefix: created.prefix,
      sourceName: 'SCIM (IdP)',
      createdBy: 'Ivy Admin',
      revokedAt: null,
    });
    expect(listed!.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('token');

    await api.scimTokens.revoke({ tokenId: created.id });
    expect(await authenticateScimToken(t.prisma, created.token)).toBeNull();
    expect((await api.scimTokens.list())[0]?.revokedAt).not.toBeNull();
    expect(
      await t.prisma.auditEvent.count({
        where: { entityId: created.id, action: { in: ['scim.token_created', 'scim.token_revoked'] } },
      }),
    ).toBe(2);
  });

  it('refuses everyone else, a nameless token and one without a SCIM source', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const auditor = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const api = await t.callerFor(auditor.id);
    const refused = async (p: Promise<unknown>) =>
      (
        (await p.then(
          () => null,
          (e: unknown) => e,
        )) as TRPCError | null
      )?.code;
    expect(await refused(api.scimTokens.list())).toBe('FORBIDDEN');
    const hr = await t.prisma.identitySource.create({
      data: { key: 'hr-tokens', name: 'HR', kind: 'HR_CSV' },
      select: { id: true },
    });
    expect(await refused(api.scimTokens.create({ name: 'sneaky', sourceId: hr.id }))).toBe('FORBIDDEN');
    const adminApi = await t.callerFor(admin.id);
    const [scimSource] = await adminApi.scimTokens.sources();
    expect(await refused(adminApi.scimTokens.create({ name: '  ', sourceId: scimSource!.id }))).toBe(
      'BAD_REQUEST',
    );
    // A token names the SCIM source it is for.
    expect(
      await refused(adminApi.scimTokens.create({ name: 'no source' } as { name: string; sourceId: string })),
    ).toBe('BAD_REQUEST');
    expect(await refused(adminApi.scimTokens.create({ name: 'HR', sourceId: hr.id }))).toBe('BAD_REQUEST');
    // Sign-ins are a SCIM-kind source no IdP pushes to: not offered, and refused.
    const jit = await t.prisma.identitySource.create({
      data: { key: 'jit-tokens', name: 'A sign-in', kind: 'SCIM', config: { justInTime: true } },
      select: { id: true },
    });
    expect((await adminApi.scimTokens.sources()).map((s) => s.id)).not.toContain(jit.id);
    expect(await refused(adminApi.scimTokens.create({ name: 'jit', sourceId: jit.id }))).toBe('BAD_REQUEST');
    expect(
      await t.prisma.scimToken.count({ where: { name: { in: ['no source', 'HR', 'sneaky', 'jit'] } } }),
    ).toBe(0);
  });
});
