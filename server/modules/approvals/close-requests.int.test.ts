import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { closeRequests } from './advance-request.ts';
import { decideApprovalStep } from './decide-approval-step.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

async function pendingRequest() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const app = await createApplication(t.prisma, {
    name: `Ledger ${crypto.randomUUID().slice(0, 6)}`,
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    stages: [{ name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 }],
  });
  const item = await createEntitlement(t.prisma, app.id, { name: 'Payments Release' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  const { requests } = await submitAccessRequests(
    t.prisma,
    await t.actor(alice.id),
    { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month end' },
    { queue: t.queue },
  );
  const step = await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId: requests[0]!.id } });
  return { mark, requestId: requests[0]!.id, stepId: step.id };
}

describe('closeRequests', () => {
  it('closes pending requests with their steps and stages, and says which it closed', async () => {
    const { requestId, stepId } = await pendingRequest();
    const closed = await t.prisma.$transaction((tx) =>
      closeRequests(tx, [requestId], 'CANCELLED', { queue: t.queue, now: new Date() }),
    );
    expect(closed).toEqual([requestId]);
    expect(await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: 'CANCELLED',
    });
    expect(await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: stepId } })).toMatchObject({
      status: 'CANCELLED',
    });
  });

  it('leaves a request approved since its caller read it as it is (the kill switch reads without a lock)', async () => {
    const { mark, requestId, stepId } = await pendingRequest();
    await decideApprovalStep(
      t.prisma,
      await t.actor(mark.id),
      { stepId, decision: 'APPROVE' },
      { queue: t.queue },
    );
    const closed = await t.prisma.$transaction((tx) =>
      closeRequests(tx, [requestId], 'CANCELLED', { queue: t.queue, now: new Date() }),
    );
    expect(closed).toEqual([]);
    expect(await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: 'APPROVED',
    });
    expect(await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: stepId } })).toMatchObject({
      status: 'APPROVED',
    });
  });
});
