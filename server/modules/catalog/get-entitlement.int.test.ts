import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { listCatalog } from './list-catalog.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** What catalog.get answers this person: the entry's owner email, or the error's code. */
const answerTo = async (identityId: string, id: string) =>
  (await t.callerFor(identityId)).catalog.get({ id }).then(
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

  it("opens a hidden entry to its application's owner, to an approver with a pending step on a request for it or their stand-in, and to whoever decided a step", async () => {
    const appOwner = await createIdentity(t.prisma);
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', ownerId: appOwner.id });
    const entry = await createEntitlement(t.prisma, app.id);
    const [first, second, requester, stranger, standIn, pastStandIn] = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(() => createIdentity(t.prisma)),
    );
    const day = 86_400_000;
    // The first approver is out of office: one stand-in now, one whose delegation has ended.
    await t.prisma.delegation.createMany({
      data: [
        {
          delegatorId: first!.id,
          delegateId: standIn!.id,
          startsAt: new Date(Date.now() - day),
          endsAt: new Date(Date.now() + day),
        },
        {
          delegatorId: first!.id,
          delegateId: pastStandIn!.id,
          startsAt: new Date(Date.now() - 3 * day),
          endsAt: new Date(Date.now() - day),
        },
      ],
    });
    const stage = (name: string, id: string) => ({
      name,
      approvers: [{ type: 'PEOPLE', identityIds: [id] }],
      mode: 'ALL',
      slaHours: 48,
    });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [stage('First', first!.id), stage('Second', second!.id)],
    });
    await t.prisma.entitlement.update({ where: { id: entry.id }, data: { approvalPolicyId: policy.id } });
    await submitAccessRequests(
      t.prisma,
      await t.actor(requester!.id),
      { items: [{ kind: 'ENTITLEMENT', id: entry.id }], justification: 'Month end' },
      { queue: t.queue },
    );
    // Taken out of the catalog after the request was sent: it waits on the first stage's approver.
    await t.prisma.entitlement.update({ where: { id: entry.id }, data: { requestable: false } });

    expect(await answerTo(appOwner.id, entry.id)).toBe('no owner');
    expect(await answerTo(first!.id, entry.id)).toBe('no owner');
    expect(await answerTo(standIn!.id, entry.id)).toBe('no owner');
    expect(await answerTo(pastStandIn!.id, entry.id)).toBe('NOT_FOUND');
    // The second stage's approver cannot decide yet.
    expect(await answerTo(second!.id, entry.id)).toBe('NOT_FOUND');
    expect(await answerTo(stranger!.id, entry.id)).toBe('NOT_FOUND');
    // Opening it is all: the catalog lists what anyone may request, and this no more.
    for (const who of [appOwner, first!, standIn!]) {
      const page = await listCatalog(t.prisma, await t.actor(who.id), { applicationId: app.id, limit: 10 });
      expect(page.items).toEqual([]);
    }
    // The stand-in approves for the first approver: it stays in the stand-in's decided history, and
    // the first approver, who decided nothing, has no reason left to open it.
    await t.prisma.approvalStep.updateMany({
      where: { approverId: first!.id },
      data: { status: 'APPROVED', decidedById: standIn!.id, decidedAt: new Date() },
    });
    expect(await answerTo(standIn!.id, entry.id)).toBe('no owner');
    expect(await answerTo(first!.id, entry.id)).toBe('NOT_FOUND');
    // A decided step opens it even after the request is closed.
    await t.prisma.accessRequest.updateMany({
      where: { requesterId: requester!.id },
      data: { status: 'CANCELLED' },
    });
    expect(await answerTo(standIn!.id, entry.id)).toBe('no owner');
    expect(await answerTo(stranger!.id, entry.id)).toBe('NOT_FOUND');
  });
});
