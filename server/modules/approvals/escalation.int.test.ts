import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { startSmtpSink, type TSmtpSink } from '@/server/infra/smtp-sink.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { decideApprovalStep } from './decide-approval-step.ts';
import { escalateOverdueSteps } from './escalate-overdue-steps.ts';
import { remindApprovers } from './remind-approvers.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;

async function org() {
  const ceo = await createIdentity(t.prisma, { firstName: 'Cat' });
  const boss = await createIdentity(t.prisma, { firstName: 'Bea', managerId: ceo.id });
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    stages: [
      {
        name: 'Manager approval',
        approvers: [{ type: 'MANAGER' }],
        mode: 'ANY',
        quorum: 1,
        slaHours: 48,
        reminderHours: 24,
      },
    ],
  });
  const group = await createEntitlement(t.prisma, app.id, { name: 'Payroll Reports' });
  await t.prisma.entitlement.update({ where: { id: group.id }, data: { approvalPolicyId: policy.id } });
  return { ceo, boss, mark, alice, group };
}

const request = async (alice: { id: string }, group: { id: string }, now: Date) =>
  (
    await submitAccessRequests(
      t.prisma,
      await t.actor(alice.id),
      { items: [{ kind: 'ENTITLEMENT', id: group.id }], justification: 'Month-end payroll checks' },
      { queue: t.queue, now },
    )
  ).requests[0]!.id;

describe('reminders and escalation', () => {
  it('reminds each waiting approver once, after the stage’s reminder time', async () => {
    const { mark, alice, group } = await org();
    const now = new Date('2026-03-02T09:00:00Z');
    const requestId = await request(alice, group, now);
    expect(
      (await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 23 * HOUR) }))
        .reminded,
    ).toBe(0);
    expect(
      (await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 25 * HOUR) }))
        .reminded,
    ).toBe(1);
    expect(
      (await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 30 * HOUR) }))
        .reminded,
    ).toBe(0);
    const n = await t.prisma.notification.findFirstOrThrow({
      where: { recipientId: mark.id, kind: 'approval.reminder' },
    });
    expect(n.title).toBe(
      'Reminder: Approve Payroll Reports for Alice Test?'.replace(
        'Alice Test',
        (await t.prisma.identity.findUniqueOrThrow({ where: { id: alice.id } })).displayName,
      ),
    );
    expect(await t.prisma.approvalStep.findFirst({ where: { requestId, remindedAt: null } })).toBeNull();
  });

  it('escalates past the SLA to the approver’s manager, one level per SLA; either of the two decides the seat', async () => {
    const { ceo, boss, mark, alice, group } = await org();
    // Earlier than the other tests' requests, so that only this one is overdue.
    const now = new Date('2026-01-05T09:00:00Z');
    const requestId = await request(alice, group, now);
    const at49 = new Date(now.getTime() + 49 * HOUR);
    expect((await escalateOverdueSteps(t.prisma, { queue: t.queue, now: at49 })).escalated).toBe(1);
    expect((await escalateOverdueSteps(t.prisma, { queue: t.queue, now: at49 })).escalated).toBe(0);
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: { createdAt: 'asc' },
    });
    expect(steps.map((s) => [s.approverId, s.reason, s.status])).toEqual([
      [mark.id, 'MANAGER', 'PENDING'],
      [boss.id, 'ESCALATION', 'PENDING'],
    ]);
    expect(steps[1]!.escalatedFromId).toBe(steps[0]!.id);
    expect(
      await t.prisma.notification.count({ where: { recipientId: boss.id, kind: 'approval.escalated' } }),
    ).toBe(1);
    // Another full SLA later, the escalation itself goes up a level.
    expect(
      (await escalateOverdueSteps(t.prisma, { queue: t.queue, now: new Date(at49.getTime() + 49 * HOUR) }))
        .escalated,
    ).toBe(1);
    expect(
      await t.prisma.approvalStep.count({ where: { requestId, approverId: ceo.id, reason: 'ESCALATION' } }),
    ).toBe(1);

    expect(
      await decideApprovalStep(
        t.prisma,
        await t.actor(boss.id),
        { stepId: steps[1]!.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).toMatchObject({
      requestStatus: 'APPROVED',
    });
    const after = await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: { createdAt: 'asc' },
    });
    expect(after.map((s) => s.status)).toEqual(['SKIPPED', 'APPROVED', 'SKIPPED']);
  });

  it('sends nothing for a change that rolls back', async () => {
    const { mark } = await org();
    await expect(
      t.prisma.$transaction(async (tx) => {
        await notify(tx, [{ recipientId: mark.id, kind: 'test', title: 'Never sent' }], { queue: t.queue });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(
      await t.prisma.$queryRaw<
        Array<{ n: bigint }>
      >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'notifications.email' AND data->>'subject' = 'Never sent'`,
    ).toEqual([{ n: 0n }]);
  });

  describe('through the real worker and a real SMTP server', () => {
    let sink: TSmtpSink;
    let worker: TWorker;
    const saved = { SMTP_URL: process.env.SMTP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
    beforeAll(async () => {
      sink = await startSmtpSink();
      process.env.SMTP_URL = sink.url;
      process.env.NEXTAUTH_URL = 'http://gatehouse.test';
      worker = await startWorker({
        databaseUrl: t.url,
        secretKey: TEST_SECRET_KEY,
        log: () => {},
        only: ['approvals.escalate', 'notifications.email'],
      });
    });
    afterAll(async () => {
      await worker?.stop({ graceful: false });
      await sink?.stop();
      // Files share a worker's process (vitest.config.ts): put back exactly what was there, unset included
      // (assigning undefined to process.env would store the string "undefined").
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it('escalates on the scheduled job and the manager’s manager receives the email with a deep link', async () => {
      const { boss, mark, alice, group } = await org();
      const requestId = await request(alice, group, new Date());
      // The SLA has passed.
      await t.prisma.approvalStage.updateMany({
        where: { requestId },
        data: { dueAt: new Date(Date.now() - HOUR) },
      });
      await t.boss.send('approvals.escalate', {});
      const bossEmail = (await t.prisma.identity.findUniqueOrThrow({ where: { id: boss.id } })).email;
      const mail = await waitFor(
        async () =>
          sink.messages().find((m) => m.to.includes(bossEmail) && m.subject.startsWith('Escalated:')),
        {
          timeoutMs: 30_000,
          what: 'the escalation email',
        },
      );
      expect(mail.subject).toMatch(/^Escalated: Approve Payroll Reports for Alice .*\?$/);
      expect(mail.text).toContain('has not decided “Manager approval” in time');
      expect(mail.text).toContain('http://gatehouse.test/approvals');
      expect(mail.from).toBe('gatehouse@localhost');
      // The approver first assigned was emailed when the request arrived.
      const markEmail = (await t.prisma.identity.findUniqueOrThrow({ where: { id: mark.id } })).email;
      expect(sink.messages().find((m) => m.to.includes(markEmail))?.subject).toMatch(
        /^Approve Payroll Reports for Alice .*\?$/,
      );
    });
  });

  it('passes over a stage whose overdue steps found nobody: it does not take a batch’s place', async () => {
    const stuck = await org();
    const fresh = await org();
    const now = new Date('2026-03-02T09:00:00Z');
    const stuckId = await request(stuck.alice, stuck.group, now);
    const freshId = await request(fresh.alice, fresh.group, now);
    // The stuck stage was escalated before with nobody above: its dueAt stays past (nobody new took a
    // seat), and it is the oldest overdue stage.
    await t.prisma.approvalStep.updateMany({ where: { requestId: stuckId }, data: { escalatedAt: now } });
    await t.prisma.approvalStage.updateMany({
      where: { requestId: stuckId },
      data: { dueAt: new Date('2001-01-01T00:00:00Z') },
    });
    await t.prisma.approvalStage.updateMany({
      where: { requestId: freshId },
      data: { dueAt: new Date('2001-01-02T00:00:00Z') },
    });
    try {
      const at = new Date('2001-01-03T00:00:00Z');
      expect(
        (await escalateOverdueSteps(t.prisma, { queue: t.queue, now: at, batchSize: 1 })).escalated,
      ).toBe(1);
      expect(
        await t.prisma.approvalStep.count({ where: { requestId: freshId, approverId: fresh.boss.id } }),
      ).toBe(1);
    } finally {
      // Out of the other tests' overdue sweeps.
      await t.prisma.accessRequest.updateMany({
        where: { id: { in: [stuckId, freshId] } },
        data: { status: 'CANCELLED' },
      });
    }
  });

  it('reminds, marks, counts and audits only the approvers who can act', async () => {
    // Before, a reminder marked, counted and audited as reminded an approver askedSql had passed over
    // (suspended): the audit said they were reminded, and nothing was sent to them.
    const { alice, group } = await org();
    const [ann, sue] = [
      await createIdentity(t.prisma, { firstName: 'Ann' }),
      await createIdentity(t.prisma, { firstName: 'Sue' }),
    ];
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        {
          name: 'Panel',
          approvers: [{ type: 'PEOPLE', identityIds: [ann.id, sue.id] }],
          mode: 'ALL',
          reminderHours: 24,
        },
      ] as never,
    });
    await t.prisma.entitlement.update({ where: { id: group.id }, data: { approvalPolicyId: policy.id } });
    const now = new Date('2026-04-02T09:00:00Z');
    const requestId = await request(alice, group, now);
    // Suspended with nothing handed on yet (the idle approvers' sweep has not run).
    await t.prisma.identity.update({ where: { id: sue.id }, data: { status: 'SUSPENDED' } });
    try {
      await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 25 * HOUR) });
      const steps = await t.prisma.approvalStep.findMany({
        where: { requestId },
        select: { approverId: true, remindedAt: true },
      });
      expect(new Map(steps.map((x) => [x.approverId, x.remindedAt !== null]))).toEqual(
        new Map([
          [ann.id, true],
          [sue.id, false],
        ]),
      );
      const audit = await t.prisma.auditEvent.findMany({
        where: { action: 'approval.reminded', entityId: requestId },
        select: { metadata: true },
      });
      expect(audit).toMatchObject([{ metadata: { approvers: [ann.id] } }]);
      // Read again at a later run, Sue's step is still not reminded, nor Ann's a second time.
      await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 30 * HOUR) });
      expect(
        await t.prisma.auditEvent.count({ where: { action: 'approval.reminded', entityId: requestId } }),
      ).toBe(1);
    } finally {
      await t.prisma.accessRequest.update({ where: { id: requestId }, data: { status: 'CANCELLED' } });
    }
  });
});
