import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createStatementCounter, type TStatementCounter } from '@/server/testing/count-statements.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

let t: TTestContext;
let counter: TStatementCounter;
beforeAll(async () => {
  t = await createTestContext();
  counter = createStatementCounter(t.url);
});
afterAll(async () => {
  await counter?.close();
  await t?.close();
});

/**
 * What one submission of one entitlement costs in statements (issue 14, "fewer round trips"): 9 reads
 * before the transaction (the beneficiary, the item, SoD's two, pending requests, auto-approval
 * rules, and the chain's policy, identity admins and management chains), then BEGIN, the request,
 * its audit event, its stages, its steps, the approvers' state, their stand-ins, the notifications,
 * their recipients, the email jobs, the Slack setting and COMMIT (12, however many stages and steps).
 * It was 32 (21 in the transaction) before the request's row came from its INSERT alone, the chain
 * was written in bulk and the first stage opened as it is written. A change that adds a round trip to
 * every submission has to change this number.
 */
const SUBMISSION_STATEMENTS = 21;

/** BEGIN to COMMIT. */
const inTransaction = (texts: string[]) => texts.length - texts.findIndex((x) => x.trim() === 'BEGIN');

async function submit(requesterId: string, entitlementId: string) {
  const actor = await t.actor(requesterId);
  return counter.count((db) =>
    submitAccessRequests(
      db,
      actor,
      { items: [{ kind: 'ENTITLEMENT', id: entitlementId }], justification: 'Month-end close' },
      { queue: t.queue, now: new Date('2026-03-02T09:00:00Z') },
    ),
  );
}

describe('submitting a request in round trips', () => {
  it('writes a chain of three stages and eight approvers in the statements of one stage of one approver', async () => {
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const manager = await createIdentity(t.prisma, { firstName: 'Mona', lastName: 'Lead' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: manager.id });
    const simple = await createEntitlement(t.prisma, app.id, { name: 'Ledger read' });
    const small = await submit(alice.id, simple.id);

    const reviewers = [];
    for (let i = 0; i < 4; i += 1)
      reviewers.push(await createIdentity(t.prisma, { firstName: `Rev${i}`, lastName: 'Board' }));
    const team = await createTeam(t.prisma, { name: 'Ledger board', memberIds: reviewers.map((r) => r.id) });
    const owners = [];
    for (let i = 0; i < 3; i += 1)
      owners.push(await createIdentity(t.prisma, { firstName: `Own${i}`, lastName: 'Ledger' }));
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Manager', approvers: [{ type: 'MANAGER' }], mode: 'ANY', slaHours: 24, reminderHours: 8 },
        { name: 'Board', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'QUORUM', quorum: 2 },
        {
          name: 'Owners',
          approvers: [{ type: 'PEOPLE', identityIds: owners.map((o) => o.id) }],
          mode: 'ALL',
        },
      ],
    });
    const guarded = await createEntitlement(t.prisma, app.id, { name: 'Ledger write' });
    await t.prisma.entitlement.update({ where: { id: guarded.id }, data: { approvalPolicyId: policy.id } });
    const large = await submit(alice.id, guarded.id);

    expect(small.result.requests).toMatchObject([{ status: 'PENDING' }]);
    expect(large.result.requests).toMatchObject([{ status: 'PENDING' }]);
    // The team a policy names costs its two reads (the team, its members); the writes are the same.
    expect([small.statements, large.statements]).toEqual([SUBMISSION_STATEMENTS, SUBMISSION_STATEMENTS + 2]);
    expect(inTransaction(large.texts)).toBe(inTransaction(small.texts));
    expect(inTransaction(small.texts)).toBe(12);

    // Written as the general path (createApprovalChain, then advanceRequest) would leave it: the first
    // stage current with its clock running, the others waiting, every approver's step open.
    const stages = await t.prisma.approvalStage.findMany({
      where: { requestId: large.result.requests[0]!.id },
      orderBy: { position: 'asc' },
      select: {
        name: true,
        status: true,
        mode: true,
        quorum: true,
        dueAt: true,
        remindAt: true,
        steps: true,
      },
    });
    const asked = new Date('2026-03-02T09:00:00Z').getTime();
    expect(stages.map((s) => [s.name, s.status, s.mode, s.quorum, s.steps.length])).toEqual([
      ['Manager', 'PENDING', 'ANY', 1, 1],
      ['Board', 'WAITING', 'QUORUM', 2, 4],
      ['Owners', 'WAITING', 'ALL', 3, 3],
    ]);
    expect(stages[0]!.dueAt?.getTime()).toBe(asked + 24 * 3_600_000);
    expect(stages[0]!.remindAt?.getTime()).toBe(asked + 8 * 3_600_000);
    expect(stages[1]!.dueAt).toBeNull();
    expect(stages.flatMap((s) => s.steps.map((p) => p.status))).toEqual(Array(8).fill('PENDING'));
    expect(stages[0]!.steps.map((p) => [p.approverId, p.reason])).toEqual([[manager.id, 'MANAGER']]);
    // Only the current stage's approver is asked, once per request.
    const told = await t.prisma.notification.findMany({
      where: { kind: 'approval.assigned' },
      select: { recipientId: true },
    });
    expect(told.map((n) => n.recipientId)).toEqual([manager.id, manager.id]);
  });
});
