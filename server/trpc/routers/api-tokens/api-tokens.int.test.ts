import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiToken } from '@/server/modules/api-tokens/index.ts';
import { createIdentity, createTeam } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const refused = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => null,
      (e: unknown) => e,
    )) as TRPCError | null
  )?.code;

describe('API tokens and service accounts (tRPC)', () => {
  it('lets a person create, list and revoke their own tokens, offering only what they hold', async () => {
    const person = await t.actor((await createIdentity(t.prisma)).id);
    const api = t.caller(person);
    const offered = (await api.apiTokens.permissions()).map((o) => o.permission);
    expect(offered).toContain('catalog.read');
    expect(offered).not.toContain('reports.read');
    expect(offered).not.toContain('apiTokens.manageOwn');
    const created = await api.apiTokens.create({
      name: ' CLI ',
      permissions: ['catalog.read'],
      expiresInDays: 30,
    });
    expect(created).toMatchObject({ name: 'CLI', permissions: ['catalog.read'] });
    const [listed] = await api.apiTokens.listMine();
    expect(listed).toMatchObject({ id: created.id, lastUsedAt: null, revokedAt: null });
    expect(listed).not.toHaveProperty('token');
    expect(
      await refused(api.apiTokens.create({ name: 'x', permissions: ['reports.read'], expiresInDays: 1 })),
    ).toBe('BAD_REQUEST');
    expect(
      await refused(api.apiTokens.create({ name: 'x', permissions: ['catalog.read'], expiresInDays: 367 })),
    ).toBe('BAD_REQUEST');
    await api.apiTokens.revoke({ tokenId: created.id });
    expect((await api.apiTokens.listMine())[0]?.revokedAt).not.toBeNull();
  });

  it('refuses a token its own token procedures, and service accounts to all but the identity team', async () => {
    const person = await t.actor((await createIdentity(t.prisma)).id);
    const { token } = await t.caller(person).apiTokens.create({
      name: 'read',
      permissions: ['catalog.read'],
      expiresInDays: 1,
    });
    const viaToken = t.caller((await authenticateApiToken(t.prisma, token))!);
    expect(
      await refused(
        viaToken.apiTokens.create({ name: 'child', permissions: ['catalog.read'], expiresInDays: 1 }),
      ),
    ).toBe('FORBIDDEN');
    expect(await refused(viaToken.apiTokens.listMine())).toBe('FORBIDDEN');
    expect(await refused(t.caller(person).serviceAccounts.list())).toBe('FORBIDDEN');

    const ivy = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const team = await createTeam(t.prisma, { name: 'Release engineering', memberIds: [ivy.identityId] });
    const admin = t.caller(ivy);
    expect(await admin.serviceAccounts.teams()).toEqual([{ id: team.id, name: 'Release engineering' }]);
    const sa = await admin.serviceAccounts.create({
      name: 'deploy',
      teamId: team.id,
      permissions: ['request.create', 'request.readOwn'],
      expiresInDays: 90,
    });
    expect(sa.token).toMatch(/^gh_sat_/);
    expect((await admin.serviceAccounts.list()).find((s) => s.id === sa.id)).toMatchObject({
      team: { name: 'Release engineering' },
      sponsor: { id: ivy.identityId },
    });
    await admin.serviceAccounts.revoke({ tokenId: sa.id });
    expect(await authenticateApiToken(t.prisma, sa.token)).toBeNull();
  });
});
