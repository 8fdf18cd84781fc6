import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { decideApprovalStep } from './decide-approval-step.ts';
import { remindApprovers } from './remind-approvers.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;

/**
 * Who is asked to approve is chosen by one rule (askedSql in approval-notifications.ts, issue 14):
 * each approver who can act, then whoever an out-of-office delegation in force lets decide for them,
 * if they can act. A new chain's first stage, a later stage and a reminder all ask through it, so over
 * the same people they ask the same people. Before, a reminder chose in TypeScript and reminded
 * approvers who could no longer act, and their stand-ins.
 */
describe('who is asked to approve', () => {
  it('is the same on every path: approvers who can act, then their stand-ins who can act', async () => {
    const now = new Date();
    const person = (firstName: string, managerId?: string) =>
      createIdentity(t.prisma, { firstName, lastName: 'Asked', managerId });
    const [bea, cy] = [await person('Bea'), await person('Cy')];
    const rob = await person('Rob'); // the requester, named as an approver too
    const gina = await person('Gina'); // the first stage's approver of the two-stage chain
    const ann = await person('Ann'); // active, no delegation
    const sue = await person('Sue', bea.id); // suspended before her stage starts; Val stands in for her
    const leo = await person('Leo', cy.id); // leaves before his stage starts
    const olga = await person('Olga'); // out of office: Dan stands in
    const ed = await person('Ed'); // his delegation to Eve has ended
    const pat = await person('Pat'); // her stand-in Sam is suspended
    const [val, dan, eve, sam] = [
      await person('Val'),
      await person('Dan'),
      await person('Eve'),
      await person('Sam'),
    ];
    const delegate = (
      delegatorId: string,
      delegateId: string,
      endsAt = new Date(now.getTime() + 72 * HOUR),
    ) =>
      t.prisma.delegation.create({
        data: { delegatorId, delegateId, startsAt: new Date(now.getTime() - 24 * HOUR), endsAt },
      });
    await delegate(sue.id, val.id);
    await delegate(olga.id, dan.id);
    await delegate(ed.id, eve.id, new Date(now.getTime() - HOUR));
    await delegate(pat.id, sam.id);
    await t.prisma.identity.update({ where: { id: sam.id }, data: { status: 'SUSPENDED' } });

    const panel = {
      name: 'Panel',
      approvers: [{ type: 'PEOPLE', identityIds: [rob, ann, sue, leo, olga, ed, pat].map((p) => p.id) }],
      mode: 'ALL',
      reminderHours: 24,
    };
    const app = await createApplication(t.prisma, { name: 'Asked ledger' });
    const itemWith = async (stages: unknown[]) => {
      const policy = await createApprovalPolicy(t.prisma, { stages: stages as never });
      const item = await createEntitlement(t.prisma, app.id);
      await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
      return item;
    };
    const submit = async (itemId: string) =>
      (
        await submitAccessRequests(
          t.prisma,
          await t.actor(rob.id),
          { items: [{ kind: 'ENTITLEMENT', id: itemId }], justification: 'Ledger close' },
          { queue: t.queue, now },
        )
      ).requests[0]!.id;

    // A: the panel is a later stage, drawn while everyone could act.
    const later = await submit(
      (await itemWith([{ name: 'Gate', approvers: [{ type: 'PEOPLE', identityIds: [gina.id] }] }, panel])).id,
    );
    await t.prisma.identity.update({ where: { id: sue.id }, data: { status: 'SUSPENDED' } });
    await t.prisma.identity.update({ where: { id: leo.id }, data: { status: 'TERMINATED' } });
    // B: the panel is the first stage, drawn now (Sue and Leo are passed over).
    const first = await submit((await itemWith([panel])).id);
    const gate = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId: later, approverId: gina.id },
    });
    await decideApprovalStep(
      t.prisma,
      await t.actor(gina.id),
      { stepId: gate.id, decision: 'APPROVE' },
      { queue: t.queue, now },
    );
    await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 25 * HOUR) });

    const fixtures = [rob, ann, sue, leo, olga, ed, pat, val, dan, eve, sam];
    const nameOf = new Map(fixtures.map((p) => [p.id, p.firstName]));
    const asked = async (requestId: string, kind: string) =>
      (
        await t.prisma.notification.findMany({
          where: { kind, link: `/approvals?request=${requestId}`, recipientId: { in: [...nameOf.keys()] } },
          select: { recipientId: true, title: true },
        })
      )
        .map((n) => `${nameOf.get(n.recipientId)}${n.title.endsWith('(standing in)') ? ' standing in' : ''}`)
        .sort();
    const everyone = ['Ann', 'Dan standing in', 'Ed', 'Olga', 'Pat'];
    expect({
      firstStage: await asked(first, 'approval.assigned'),
      laterStage: await asked(later, 'approval.assigned'),
      firstStageReminded: await asked(first, 'approval.reminder'),
      laterStageReminded: await asked(later, 'approval.reminder'),
    }).toEqual({
      firstStage: everyone,
      laterStage: everyone,
      firstStageReminded: everyone,
      laterStageReminded: everyone,
    });
    // Who cannot act is not asked: Sue's stand-in is told the step is theirs now, Leo's goes to his manager.
    expect(await asked(later, 'approval.handed_on')).toEqual(['Val standing in']);
  });
});
