import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { revokeGrant } from '@/server/modules/access/index.ts';
import { closePendingExtensions, decideApprovalStep } from '@/server/modules/approvals/index.ts';
import { cancelAccessRequest } from './cancel-access-request.ts';
import { listMyRequests } from './list-my-requests.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('my requests', () => {
  it('finds a request by its number or by name, and filters by status', async () => {
    const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const app = await createApplication(t.prisma, {
      name: 'Corporate Directory',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const reports = await createEntitlement(t.prisma, app.id, {
      name: 'Finance Reporting',
      ownerId: mark.id,
    });
    const payable = await createEntitlement(t.prisma, app.id, { name: 'Accounts Payable', ownerId: mark.id });
    const actor = await t.actor(alice.id);
    const sent = await submitAccessRequests(
      t.prisma,
      actor,
      {
        items: [
          { kind: 'ENTITLEMENT', id: reports.id },
          { kind: 'ENTITLEMENT', id: payable.id },
        ],
        justification: 'Month-end close work',
      },
      { queue: t.queue },
    );
    const [first, second] = sent.requests;
    await cancelAccessRequest(t.prisma, actor, second!.id, { queue: t.queue });
    const names = async (q: { status?: 'PENDING' | 'CANCELLED'; search?: string }) =>
      (await listMyRequests(t.prisma, actor, { limit: 50, ...q })).map((r) => r.entitlement?.name);

    expect(await names({ search: requestNumber(first!.id) })).toEqual(['Finance Reporting']);
    expect(await names({ search: requestNumber(first!.id).toLowerCase().slice(0, 8) })).toContain(
      'Finance Reporting',
    );
    expect(await names({ search: 'payable accounts' })).toEqual(['Accounts Payable']);
    expect(await names({ search: 'directory' })).toHaveLength(2);
    expect(await names({ status: 'CANCELLED' })).toEqual(['Accounts Payable']);
    expect(await names({ status: 'PENDING', search: 'payable' })).toEqual([]);
  });

  it('says per request whether the caller may cancel it: the requester, while it is pending', async () => {
    // Mark's own manager approves what Mark asks for his report (nobody approves their own request).
    const boss = await createIdentity(t.prisma);
    const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const [one, two] = await Promise.all([
      createEntitlement(t.prisma, app.id, { ownerId: mark.id }),
      createEntitlement(t.prisma, app.id, { ownerId: mark.id }),
    ]);
    const marks = await t.actor(mark.id);
    const sent = await submitAccessRequests(
      t.prisma,
      marks,
      {
        beneficiaryId: alice.id,
        items: [
          { kind: 'ENTITLEMENT', id: one!.id },
          { kind: 'ENTITLEMENT', id: two!.id },
        ],
        justification: 'Month-end close work',
      },
      { queue: t.queue },
    );
    await cancelAccessRequest(t.prisma, marks, sent.requests[1]!.id, { queue: t.queue });
    const canCancel = async (who: string) =>
      Object.fromEntries(
        (await listMyRequests(t.prisma, await t.actor(who), { limit: 50 })).map((r) => [r.id, r.canCancel]),
      );
    expect(await canCancel(mark.id)).toEqual({ [sent.requests[0]!.id]: true, [sent.requests[1]!.id]: false });
    // Alice, whom it is for, did not ask for it: cancelAccessRequest refuses her, so nothing offers it.
    expect(await canCancel(alice.id)).toEqual({
      [sent.requests[0]!.id]: false,
      [sent.requests[1]!.id]: false,
    });
  });

  it('says whether a request is for someone other than the caller, so the page compares no ids', async () => {
    const boss = await createIdentity(t.prisma);
    const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const [forAlice, forMark] = await Promise.all([
      createEntitlement(t.prisma, app.id, { ownerId: boss.id }),
      createEntitlement(t.prisma, app.id, { ownerId: boss.id }),
    ]);
    const ask = async (beneficiaryId: string, id: string) =>
      (
        await submitAccessRequests(
          t.prisma,
          await t.actor(mark.id),
          { beneficiaryId, items: [{ kind: 'ENTITLEMENT', id }], justification: 'Month-end close work' },
          { queue: t.queue },
        )
      ).requests[0]!.id;
    const aliceRequest = await ask(alice.id, forAlice!.id);
    const markRequest = await ask(mark.id, forMark!.id);
    const forSomeoneElse = async (who: string) =>
      Object.fromEntries(
        (await listMyRequests(t.prisma, await t.actor(who), { limit: 50 })).map((r) => [
          r.id,
          r.forSomeoneElse,
        ]),
      );
    expect(await forSomeoneElse(mark.id)).toEqual({ [aliceRequest]: true, [markRequest]: false });
    // Mark asked for it, but it is Alice's: not someone else's to her.
    expect(await forSomeoneElse(alice.id)).toEqual({ [aliceRequest]: false });
    // Whether someone else asked for the caller's own access ("asked by Mark"): the server answers it too.
    const askedBySomeoneElse = async (who: string) =>
      Object.fromEntries(
        (await listMyRequests(t.prisma, await t.actor(who), { limit: 50 })).map((r) => [
          r.id,
          r.askedBySomeoneElse,
        ]),
      );
    expect(await askedBySomeoneElse(alice.id)).toEqual({ [aliceRequest]: true });
    expect(await askedBySomeoneElse(mark.id)).toEqual({ [aliceRequest]: false, [markRequest]: false });
  });

  it('says when the access a request granted has ended, who ended it and why, and stops calling it provisioned', async () => {
    const mark = await createIdentity(t.prisma, { firstName: 'Mark', displayName: 'Mark Oduya' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const app = await createApplication(t.prisma, {
      name: 'Corporate Directory',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const payable = await createEntitlement(t.prisma, app.id, { name: 'Accounts Payable', ownerId: mark.id });
    const actor = await t.actor(alice.id);
    const sent = await submitAccessRequests(
      t.prisma,
      actor,
      { items: [{ kind: 'ENTITLEMENT', id: payable.id }], justification: 'Month-end close work' },
      { queue: t.queue },
    );
    const requestId = sent.requests[0]!.id;
    const step = await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, status: 'PENDING' } });
    const marks = await t.actor(mark.id);
    await decideApprovalStep(t.prisma, marks, { stepId: step.id, decision: 'APPROVE' }, { queue: t.queue });
    const mine = async () => (await listMyRequests(t.prisma, actor, { limit: 50, id: requestId }))[0]!;
    expect((await mine()).accessEnded).toBeNull();

    const { grantId } = await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    await revokeGrant(
      t.prisma,
      marks,
      { grantId: grantId!, reason: 'Leave cover is over' },
      { queue: t.queue, closePendingExtensions },
    );
    const ended = await mine();
    expect(ended.accessEnded).toMatchObject({
      status: 'REVOKED',
      by: 'Mark Oduya',
      reason: 'Leave cover is over',
    });
    expect(ended.timeline.at(-1)).toMatchObject({
      kind: 'ended',
      title: 'Access revoked',
      actor: 'Mark Oduya',
      detail: 'Leave cover is over',
    });
  });
});
