import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { decideApprovalStep } from '@/server/modules/approvals/index.ts';
import { saveRole } from '@/server/modules/catalog/index.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A role that gains a High entitlement while a request for it waits: the request is approved as the
 * role now is, not as it was when it was submitted (docs/decisions/112).
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('pending chains follow a role’s risk', () => {
  it('adds the security review to a request submitted while the role was Low; the manager alone no longer grants it', async () => {
    const boss = await createIdentity(t.prisma, { firstName: 'Bea' });
    const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const sam = await createIdentity(t.prisma, { firstName: 'Sam', managerId: boss.id });
    const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
    const security = await createTeam(t.prisma, { memberIds: [sam.id] });
    await createApprovalPolicy(t.prisma, {
      name: 'High risk',
      defaultForRisk: 'HIGH',
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        {
          name: 'Security review',
          approvers: [{ type: 'TEAM', teamKey: security.key }],
          mode: 'ANY',
          quorum: 1,
        },
      ],
    });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki', risk: 'LOW' });
    const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
    const role = await createRole(t.prisma, {
      name: 'Finance Helpers',
      risk: 'LOW',
      entitlementIds: [wiki.id],
    });

    const { requests } = await submitAccessRequests(
      t.prisma,
      await t.actor(alice.id),
      { items: [{ kind: 'ROLE', id: role.id }], justification: 'Needed for the quarter close' },
      { queue: t.queue },
    );
    const requestId = requests[0]!.id;
    const chain = () =>
      t.prisma.approvalStage.findMany({
        where: { requestId },
        orderBy: { position: 'asc' },
        select: { name: true, status: true },
      });
    expect(await chain()).toEqual([{ name: 'Manager approval', status: 'PENDING' }]);

    const save = async () =>
      saveRole(
        t.prisma,
        await t.actor(ivy.id),
        { ...role, entitlementIds: [wiki.id, payroll.id] },
        { queue: t.queue },
      );
    await save();
    expect(await chain()).toEqual([
      { name: 'Manager approval', status: 'PENDING' },
      { name: 'Security review', status: 'WAITING' },
    ]);
    // Saved again unchanged: nothing is added twice.
    await save();
    expect(await chain()).toHaveLength(2);

    const told = await t.prisma.notification.findMany({
      where: { kind: { in: ['request.chain_redrawn', 'approval.chain_redrawn'] } },
      select: { recipientId: true, kind: true },
    });
    expect(told).toEqual(
      expect.arrayContaining([
        { recipientId: alice.id, kind: 'request.chain_redrawn' },
        { recipientId: mark.id, kind: 'approval.chain_redrawn' },
      ]),
    );
    expect(told).toHaveLength(2);
    const audited = await t.prisma.auditEvent.findMany({
      where: { action: 'request.chain_redrawn', entityId: requestId },
      select: { actorId: true, metadata: true },
    });
    expect(audited).toEqual([
      {
        actorId: ivy.id,
        metadata: { cause: 'RISK', risk: 'HIGH', policy: 'High risk', added: ['Security review'] },
      },
    ]);

    const stepOf = (approverId: string) =>
      t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, approverId, status: 'PENDING' } });
    const decide = async (approverId: string) =>
      decideApprovalStep(
        t.prisma,
        await t.actor(approverId),
        { stepId: (await stepOf(approverId)).id, decision: 'APPROVE' },
        { queue: t.queue },
      );
    expect(await decide(mark.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: alice.id } })).toBe(0);
    expect(await decide(sam.id)).toEqual({ requestStatus: 'APPROVED', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: alice.id, roleId: role.id } })).toBe(1);
  });
});
