import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApprovalStep } from '@/server/modules/approvals/index.ts';
import { editPerson } from '@/server/modules/lifecycle/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A decision racing the move of its step (docs/decisions/112, stop 38): the old manager's decision
 * is authorized, then waits for the request's lock while the identity team moves the requester to a
 * new manager (followApproverChanges gives the same step to her). Under the lock the step is no
 * longer the old manager's: the decision is refused, and the step stays pending for the new one.
 * Set up by a lock wait, never by a sleep.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('a decision racing the move of its step', () => {
  it('is refused to the old manager once the step has moved to the new one', async () => {
    const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
    const nina = await createIdentity(t.prisma, { firstName: 'Nina' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
    const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const policy = await createApprovalPolicy(t.prisma, {
      name: 'Ledger',
      stages: [{ name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY' }],
    });
    const item = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
    await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
    const requestId = (
      await submitAccessRequests(
        t.prisma,
        await t.actor(alice.id),
        { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month-end close' },
        { queue: t.queue },
      )
    ).requests[0]!.id;
    const step = await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, approverId: mark.id } });

    const deciding = await withTwoConnections(t.url, async (_unused, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      let decision: Promise<unknown> = Promise.resolve();
      // The move's own transaction holds the request first; Mark's decision, authorized already,
      // waits for it, and the move (editPerson, its followApproverChanges) commits meanwhile.
      await t.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT id FROM "AccessRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
          decision = decideApprovalStep(
            t.prisma,
            await t.actor(mark.id),
            { stepId: step.id, decision: 'APPROVE' },
            { queue: t.queue },
          );
          decision.catch(() => {});
          await until(async () => (await waiting()) >= 1);
          await editPerson(
            tx,
            await t.actor(ivy.id),
            { identityId: alice.id, changes: { managerId: nina.id } },
            { queue: t.queue },
          );
        },
        { timeout: 30_000 },
      );
      return decision.then(
        () => 'decided',
        (error: unknown) => (error as { code?: string }).code,
      );
    });

    expect(deciding).toBe('NOT_ASSIGNED_APPROVER');
    const after = await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: step.id } });
    expect({ approverId: after.approverId, status: after.status }).toEqual({
      approverId: nina.id,
      status: 'PENDING',
    });
  });
});
