import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, permissionsOf } from '@/server/auth/permissions.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import { createIdentity, createTeam } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { hashApiToken } from './api-token-secret.ts';
import { authenticateApiToken } from './authenticate-api-token.ts';
import { createPersonalApiToken, createServiceAccount } from './create-api-token.ts';
import { listMyApiTokens, listServiceAccounts } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';
import { takeApiCall } from './take-api-call.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const codeOf = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return isAppError(error) ? error.code : error;
};
const DAY = 86_400_000;

describe('API tokens', () => {
  it('shows the secret once, stores its hash, and acts as the person within the chosen subset', async () => {
    const manager = await createIdentity(t.prisma);
    await createIdentity(t.prisma, { managerId: manager.id });
    const actor = await t.actor(manager.id);
    const created = await createPersonalApiToken(t.prisma, actor, {
      name: 'laptop script',
      permissions: ['catalog.read', 'access.readTeam', 'catalog.read'],
      expiresInDays: 30,
    });
    expect(created.token).toMatch(/^gh_pat_[\w-]{43}$/);
    expect(created.permissions).toEqual(['catalog.read', 'access.readTeam']);
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const viaToken = await authenticateApiToken(t.prisma, `Bearer ${created.token}`);
    expect(viaToken).toMatchObject({ kind: 'USER', identityId: manager.id, apiToken: { id: created.id } });
    expect(permissionsOf(viaToken!).sort()).toEqual(['access.readTeam', 'catalog.read']);
    // The person's own session still holds everything their roles give.
    expect(hasPermission(actor, 'request.create')).toBe(true);

    const [listed] = await listMyApiTokens(t.prisma, actor);
    expect(listed).toMatchObject({
      id: created.id,
      name: 'laptop script',
      prefix: created.prefix,
      revokedAt: null,
    });
    expect(listed!.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('tokenHash');
  });

  it('never gives a token more than its person holds, nor token powers', async () => {
    const employee = await t.actor((await createIdentity(t.prisma)).id);
    const ask = (permissions: string[]) =>
      codeOf(createPersonalApiToken(t.prisma, employee, { name: 'x', permissions, expiresInDays: 1 }));
    expect(await ask(['access.readAll'])).toBe('INVALID_INPUT');
    expect(await ask(['apiTokens.manageOwn'])).toBe('INVALID_INPUT');
    expect(await ask(['no.such'])).toBe('INVALID_INPUT');
    expect(await ask([])).toBe('INVALID_INPUT');
    expect(await t.prisma.apiToken.count({ where: { identityId: employee.identityId } })).toBe(0);

    // Permissions the person loses later are lost to the token at once: the intersection is taken per call.
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const token = await createPersonalApiToken(t.prisma, await t.actor(admin.id), {
      name: 'admin',
      permissions: ['access.readAll', 'catalog.read'],
      expiresInDays: 1,
    });
    expect(hasPermission((await authenticateApiToken(t.prisma, token.token))!, 'access.readAll')).toBe(true);
    await t.prisma.identityPortalRole.deleteMany({ where: { identityId: admin.id } });
    const after = (await authenticateApiToken(t.prisma, token.token))!;
    expect([hasPermission(after, 'access.readAll'), hasPermission(after, 'catalog.read')]).toEqual([
      false,
      true,
    ]);
    // A token does not mint tokens.
    expect(
      await codeOf(
        createPersonalApiToken(t.prisma, after, {
          name: 'child',
          permissions: ['catalog.read'],
          expiresInDays: 1,
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('refuses revoked and expired tokens, leavers, suspended people and a rehired person’s old tokens', async () => {
    const person = await createIdentity(t.prisma);
    const actor = await t.actor(person.id);
    const make = () =>
      createPersonalApiToken(t.prisma, actor, { name: 'x', permissions: ['catalog.read'], expiresInDays: 1 });
    const revoked = await make();
    await revokeApiToken(t.prisma, actor, revoked.id);
    expect(await authenticateApiToken(t.prisma, revoked.token)).toBeNull();
    const live = await make();
    expect(
      await authenticateApiToken(t.prisma, live.token, { now: new Date(Date.now() + 2 * DAY) }),
    ).toBeNull();
    expect(await authenticateApiToken(t.prisma, live.token)).not.toBeNull();
    expect(await authenticateApiToken(t.prisma, 'gh_pat_guessed')).toBeNull();
    expect(await authenticateApiToken(t.prisma, '')).toBeNull();

    await t.prisma.identity.update({ where: { id: person.id }, data: { status: 'SUSPENDED' } });
    expect(await authenticateApiToken(t.prisma, live.token)).toBeNull();
    await t.prisma.identity.update({
      where: { id: person.id },
      data: { status: 'TERMINATED', terminatedAt: new Date() },
    });
    expect(await authenticateApiToken(t.prisma, live.token)).toBeNull();
    // Rehired: active again, but what they held before they left stays dead.
    await t.prisma.identity.update({ where: { id: person.id }, data: { status: 'ACTIVE' } });
    expect(await authenticateApiToken(t.prisma, live.token)).toBeNull();
  });

  it('lets only the owner revoke a personal token, and audits creation and revocation', async () => {
    const owner = await t.actor((await createIdentity(t.prisma)).id);
    const other = await t.actor((await createIdentity(t.prisma)).id);
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const token = await createPersonalApiToken(t.prisma, owner, {
      name: 'mine',
      permissions: ['catalog.read'],
      expiresInDays: 1,
    });
    expect(await codeOf(revokeApiToken(t.prisma, other, token.id))).toBe('NOT_FOUND');
    expect(await codeOf(revokeApiToken(t.prisma, admin, token.id))).toBe('NOT_FOUND');
    const first = await revokeApiToken(t.prisma, owner, token.id);
    expect(await revokeApiToken(t.prisma, owner, token.id)).toEqual(first);
    const actions = await t.prisma.auditEvent.findMany({
      where: { entityId: token.id },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it('makes service accounts act as their sponsor while the sponsor is in the owning team', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const outsider = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const team = await createTeam(t.prisma, { name: 'Platform', memberIds: [ivy.id] });
    const ivyActor = await t.actor(ivy.id);
    expect(
      await codeOf(
        createServiceAccount(t.prisma, await t.actor(outsider.id), {
          name: 'ci',
          teamId: team.id,
          permissions: ['catalog.read'],
          expiresInDays: 7,
        }),
      ),
    ).toBe('INVALID_INPUT');
    const sa = await createServiceAccount(t.prisma, ivyActor, {
      name: 'ci',
      teamId: team.id,
      permissions: ['catalog.read', 'request.create'],
      expiresInDays: 7,
    });
    expect(sa.token).toMatch(/^gh_sat_/);
    expect(await authenticateApiToken(t.prisma, sa.token)).toMatchObject({
      identityId: ivy.id,
      apiToken: { id: sa.id },
    });
    const [listed] = (await listServiceAccounts(t.prisma)).filter((s) => s.id === sa.id);
    expect(listed).toMatchObject({ team: { name: 'Platform' }, sponsor: { id: ivy.id } });
    // Not one of Ivy's personal tokens.
    expect((await listMyApiTokens(t.prisma, ivyActor)).map((x) => x.id)).not.toContain(sa.id);
    // Another identity admin may revoke it.
    await t.prisma.teamMember.delete({
      where: { teamId_identityId: { teamId: team.id, identityId: ivy.id } },
    });
    expect(await authenticateApiToken(t.prisma, sa.token)).toBeNull();
    await revokeApiToken(t.prisma, await t.actor(outsider.id), sa.id);
    expect((await t.prisma.apiToken.findUniqueOrThrow({ where: { id: sa.id } })).revokedAt).not.toBeNull();
  });

  it('rate-limits each token with a bucket that refills over time', async () => {
    const actor = await t.actor((await createIdentity(t.prisma)).id);
    const a = await createPersonalApiToken(t.prisma, actor, {
      name: 'a',
      permissions: ['catalog.read'],
      expiresInDays: 1,
    });
    const b = await createPersonalApiToken(t.prisma, actor, {
      name: 'b',
      permissions: ['catalog.read'],
      expiresInDays: 1,
    });
    const limit = { burst: 2, perMinute: 60 };
    const now = new Date('2026-12-04T12:00:00Z');
    const take = (id: string, at = now) => takeApiCall(t.prisma, id, limit, { now: at });
    expect(await take(a.id)).toEqual({ allowed: true, remaining: 1 });
    expect(await take(a.id)).toEqual({ allowed: true, remaining: 0 });
    expect(await take(a.id)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another token has its own bucket; a second later one call is earned back.
    expect((await take(b.id)).allowed).toBe(true);
    expect((await take(a.id, new Date(now.getTime() + 1000))).allowed).toBe(true);
  });
});
