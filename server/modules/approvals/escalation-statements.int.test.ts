import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { escalateOverdueSteps } from './escalate-overdue-steps.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
const asked = new Date('2026-02-02T09:00:00Z');
const overdue = new Date(asked.getTime() + 49 * HOUR);

/** A request whose one stage asks `size` people, each with a manager of their own; nobody decides. */
async function stageOf(size: number) {
  const approvers = [];
  const managers = [];
  for (let i = 0; i < size; i += 1) {
    const manager = await createIdentity(t.prisma, { firstName: `Head${i}`, lastName: `Board${size}` });
    managers.push(manager);
    approvers.push(
      await createIdentity(t.prisma, {
        firstName: `Seat${i}`,
        lastName: `Board${size}`,
        managerId: manager.id,
      }),
    );
  }
  const policy = await createApprovalPolicy(t.prisma, {
    stages: [
      {
        name: `Board ${size}`,
        approvers: [{ type: 'PEOPLE', identityIds: approvers.map((a) => a.id) }],
        mode: 'ALL',
        slaHours: 48,
      },
    ],
  });
  const app = await createApplication(t.prisma, { name: `Vault ${size}` });
  const vault = await createEntitlement(t.prisma, app.id, { name: `Vault ${size}` });
  await t.prisma.entitlement.update({ where: { id: vault.id }, data: { approvalPolicyId: policy.id } });
  const requester = await createIdentity(t.prisma, { firstName: 'Asker', lastName: `Board${size}` });
  const { requests } = await submitAccessRequests(
    t.prisma,
    await t.actor(requester.id),
    { items: [{ kind: 'ENTITLEMENT', id: vault.id }], justification: 'Quarter close' },
    { queue: t.queue, now: asked },
  );
  return { requestId: requests[0]!.id, approvers, managers };
}

describe('escalation in round trips', () => {
  it('escalates a stage of 20 overdue approvers in the same statements as one of 2, each manager told whom they replace', async () => {
    const small = await stageOf(2);
    const two = await t.counter.count((db) => escalateOverdueSteps(db, { queue: t.queue, now: overdue }));
    const large = await stageOf(20);
    const twenty = await t.counter.count((db) => escalateOverdueSteps(db, { queue: t.queue, now: overdue }));
    expect(two.result.escalated).toBe(2);
    expect(twenty.result.escalated).toBe(20);

    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId: large.requestId, reason: 'ESCALATION' },
      select: { approverId: true, escalatedFromId: true },
    });
    const seated = await t.prisma.approvalStep.findMany({
      where: { id: { in: steps.map((s) => s.escalatedFromId!) } },
      select: { id: true, approverId: true },
    });
    const approverOf = new Map(seated.map((s) => [s.id, s.approverId]));
    const managerOf = new Map(large.approvers.map((a, i) => [a.id, large.managers[i]!.id]));
    expect(steps).toHaveLength(20);
    for (const s of steps) expect(s.approverId).toBe(managerOf.get(approverOf.get(s.escalatedFromId!)!));
    for (const [i, manager] of large.managers.entries()) {
      const told = await t.prisma.notification.findMany({
        where: { recipientId: manager.id, kind: 'approval.escalated' },
        select: { body: true },
      });
      expect(told).toHaveLength(1);
      expect(told[0]!.body).toContain(`Seat${i} Board20`);
      expect(told[0]!.body).toContain('Quarter close');
    }
    expect(small.requestId).not.toBe(large.requestId);
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
  });
});
