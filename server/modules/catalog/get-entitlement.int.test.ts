import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createCaller } from '@/server/trpc/root.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const callerFor = async (identityId: string) =>
  createCaller({
    db: t.prisma,
    queue: t.queue,
    queueAdmin: t.queueAdmin,
    secretKey: t.secretKey,
    actor: await t.actor(identityId),
  });
/** What catalog.get answers this person: the entry's owner email, or the error's code. */
const answerTo = async (identityId: string, id: string) =>
  (await callerFor(identityId)).catalog.get({ id }).then(
    (e) => e.owner?.email ?? 'no owner',
    (e: TRPCError) => e.code,
  );

describe('catalog.get', () => {
  it('opens a hidden entry only to who could know of it; to anyone else it does not exist', async () => {
    const owner = await createIdentity(t.prisma);
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    const hidden = await createEntitlement(t.prisma, app.id, { requestable: false, ownerId: owner.id });
    const listed = await createEntitlement(t.prisma, app.id, { ownerId: owner.id });
    const holder = await createIdentity(t.prisma);
    const byRole = await createIdentity(t.prisma);
    const manager = await createIdentity(t.prisma);
    await t.prisma.identity.update({ where: { id: holder.id }, data: { managerId: manager.id } });
    await createGrant(t.prisma, { identityId: holder.id, entitlementId: hidden.id });
    const role = await createRole(t.prisma, { entitlementIds: [hidden.id], requestable: false });
    await createGrant(t.prisma, { identityId: byRole.id, roleId: role.id });
    const auditor = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const stranger = await createIdentity(t.prisma);
    const formerHolder = await createIdentity(t.prisma);
    const ended = await createGrant(t.prisma, { identityId: formerHolder.id, entitlementId: hidden.id });
    await t.prisma.grant.update({
      where: { id: ended.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });

    for (const who of [owner, holder, byRole, manager, auditor])
      expect(await answerTo(who.id, hidden.id)).toBe(owner.email);
    expect(await answerTo(stranger.id, hidden.id)).toBe('NOT_FOUND');
    expect(await answerTo(formerHolder.id, hidden.id)).toBe('NOT_FOUND');
    expect(await answerTo(stranger.id, listed.id)).toBe(owner.email);
    // A disabled application's entries are found by nobody, as the catalog lists none of them.
    await t.prisma.application.update({ where: { id: app.id }, data: { enabled: false } });
    expect(await answerTo(stranger.id, listed.id)).toBe('NOT_FOUND');
    expect(await answerTo(holder.id, hidden.id)).toBe('NOT_FOUND');
  });
});
