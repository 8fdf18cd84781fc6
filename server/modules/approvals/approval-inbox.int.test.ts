import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createAccessRequest } from '@/server/modules/requests/index.ts';
import { decideApprovalStep } from './decide-approval-step.ts';
import { decideApprovalSteps } from './decide-approval-steps.ts';
import { listApprovalFacets, listApprovalInbox, type TInboxOptions } from './list-my-approvals.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 24 * 3600 * 1000;

/**
 * Mark manages Alice, Bob and Carol. Alice asks for Payables (low risk; she holds Reports in the
 * same application, Carol holds Payables), Bob for Journals (high), Carol for Leads in the CRM;
 * in that order, a minute apart. Payables was approved twice for Bob and denied once for Alice this
 * year (and approved once more for Bob, long ago).
 */
async function org() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', lastName: 'Manager' });
  const [alice, bob, carol] = await Promise.all(
    ['Alice', 'Bob', 'Carol'].map((firstName) =>
      createIdentity(t.prisma, { firstName, lastName: 'Inbox', managerId: mark.id }),
    ),
  );
  const ledger = await createApplication(t.prisma, { name: 'Ledger' });
  const crm = await createApplication(t.prisma, { name: 'CRM' });
  const payables = await createEntitlement(t.prisma, ledger.id, { name: 'Payables', risk: 'LOW' });
  const journals = await createEntitlement(t.prisma, ledger.id, { name: 'Journals', risk: 'HIGH' });
  const reports = await createEntitlement(t.prisma, ledger.id, { name: 'Reports', risk: 'LOW' });
  const leads = await createEntitlement(t.prisma, crm.id, { name: 'Leads', risk: 'LOW' });
  await createGrant(t.prisma, { identityId: alice!.id, entitlementId: reports.id });
  await createGrant(t.prisma, { identityId: carol!.id, entitlementId: payables.id });
  const now = Date.now();
  for (const [status, daysAgo, who] of [
    ['APPROVED', 10, bob!],
    ['APPROVED', 100, bob!],
    ['DENIED', 200, alice!],
    ['APPROVED', 400, bob!],
  ] as const) {
    await t.prisma.accessRequest.create({
      data: {
        batchId: randomUUID(),
        requesterId: who.id,
        beneficiaryId: who.id,
        entitlementId: payables.id,
        justification: 'past',
        status,
        decidedAt: new Date(now - daysAgo * DAY),
      },
    });
  }
  const ask = (who: string, entitlementId: string, justification: string, minute: number) =>
    t
      .actor(who)
      .then((actor) =>
        createAccessRequest(
          t.prisma,
          actor,
          { entitlementId, justification },
          { queue: t.queue, now: new Date(now - (10 - minute) * 60_000) },
        ),
      );
  const r1 = await ask(alice!.id, payables.id, 'Supplier invoices while Raj is away', 1);
  const r2 = await ask(bob!.id, journals.id, 'Month-end journals', 2);
  const r3 = await ask(carol!.id, leads.id, 'Pipeline review', 3);
  return { mark: await t.actor(mark.id), alice: alice!, bob: bob!, carol: carol!, ledger, crm, r1, r2, r3 };
}

type TOrg = Awaited<ReturnType<typeof org>>;
const inbox = async (o: TOrg, options: Partial<TInboxOptions> = {}) =>
  listApprovalInbox(t.prisma, o.mark, { status: 'PENDING', ...options });
const requestIds = async (o: TOrg, options: Partial<TInboxOptions> = {}) =>
  (await inbox(o, options)).items.map((s) => s.request.id);
const stepOf = async (o: TOrg, requestId: string) => (await inbox(o, { requestId })).items[0]!.id;

describe('the approval inbox', () => {
  let o: TOrg;
  beforeAll(async () => {
    o = await org();
  });

  it('sorts oldest first, newest first, riskiest first and by due date', async () => {
    const { r1, r2, r3 } = o;
    expect(await requestIds(o)).toEqual([r1.id, r2.id, r3.id]);
    expect(await requestIds(o, { sort: 'NEWEST' })).toEqual([r3.id, r2.id, r1.id]);
    expect(await requestIds(o, { sort: 'RISK' })).toEqual([r2.id, r1.id, r3.id]);
    await t.prisma.approvalStage.updateMany({
      where: { requestId: r3.id },
      data: { dueAt: new Date(Date.now() + DAY) },
    });
    expect(await requestIds(o, { sort: 'DUE' })).toEqual([r3.id, r1.id, r2.id]);
  });

  it('filters by risk, application, person and request, and searches names, items and justifications', async () => {
    const { r1, r2, r3 } = o;
    expect(await requestIds(o, { risk: 'HIGH' })).toEqual([r2.id]);
    expect(await requestIds(o, { applicationId: o.crm.id })).toEqual([r3.id]);
    expect(await requestIds(o, { personId: o.carol.id })).toEqual([r3.id]);
    expect(await requestIds(o, { requestId: r1.id })).toEqual([r1.id]);
    expect(await requestIds(o, { text: 'invoices' })).toEqual([r1.id]);
    expect(await requestIds(o, { text: 'leads' })).toEqual([r3.id]);
    expect(await requestIds(o, { text: 'bob journals' })).toEqual([r2.id]);
    expect(await requestIds(o, { text: 'ledger' })).toEqual([r1.id, r2.id]);
    expect(await requestIds(o, { text: '100%_' })).toEqual([]);
    const facets = await listApprovalFacets(t.prisma, o.mark, 'PENDING');
    expect(facets.applications.map((a) => a.name)).toEqual(['CRM', 'Ledger']);
    expect(facets.people.map((p) => p.id).sort()).toEqual([o.alice.id, o.bob.id, o.carol.id].sort());
  });

  it('pages with a cursor in every order, without repeating or skipping', async () => {
    for (const sort of ['OLDEST', 'NEWEST', 'RISK', 'DUE'] as const) {
      const first = await inbox(o, { sort, limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await inbox(o, { sort, limit: 2, cursor: first.next });
      expect(second.next).toBeNull();
      expect([...first.items, ...second.items].map((s) => s.request.id)).toEqual(
        await requestIds(o, { sort }),
      );
    }
  });

  it("refuses a cursor from another order or list of the inbox, or a garbled one, as the caller's mistake", async () => {
    const oldest = await inbox(o, { sort: 'OLDEST', limit: 1 });
    const decided = { status: 'DECIDED' as const, sort: 'OLDEST' as const };
    const refused = { code: 'INVALID_INPUT', details: { field: 'cursor' } };
    await expect(inbox(o, { sort: 'RISK', cursor: oldest.next })).rejects.toMatchObject(refused);
    await expect(inbox(o, { ...decided, cursor: oldest.next })).rejects.toMatchObject(refused);
    await expect(inbox(o, { sort: 'OLDEST', cursor: oldest.next!.slice(0, -3) })).rejects.toMatchObject(
      refused,
    );
    await expect(inbox(o, { sort: 'OLDEST', cursor: 'not-a-cursor' })).rejects.toMatchObject(refused);
    expect((await inbox(o, { sort: 'OLDEST', cursor: oldest.next })).items).toHaveLength(2);
  });

  it('gives each request its context: what the person holds there, who in the team holds it, how often it is approved for anyone and for them', async () => {
    const [payables, journals, leads] = (await inbox(o)).items.map((s) => s.request.insight);
    expect(payables).toEqual({
      alreadyHolds: ['Reports'],
      team: { size: 2, holders: 1 },
      history: { decided: 3, approved: 2, theirs: { decided: 1, approved: 0 } },
    });
    expect(journals).toEqual({
      alreadyHolds: [],
      team: { size: 2, holders: 0 },
      history: { decided: 0, approved: 0, theirs: { decided: 0, approved: 0 } },
    });
    expect(leads).toEqual({
      alreadyHolds: [],
      team: { size: 2, holders: 0 },
      history: { decided: 0, approved: 0, theirs: { decided: 0, approved: 0 } },
    });
  });
});

describe('bulk decisions', () => {
  it('decides each step on its own: a refused one is reported with its reason and never fails the others', async () => {
    const o = await org();
    const [s1, s2, s3] = await Promise.all([o.r1, o.r2, o.r3].map((r) => stepOf(o, r.id)));
    await decideApprovalStep(t.prisma, o.mark, { stepId: s3!, decision: 'APPROVE' }, { queue: t.queue });
    const other = await org();
    const notMine = await stepOf(other, other.r1.id);

    const result = await decideApprovalSteps(
      t.prisma,
      o.mark,
      { stepIds: [s1!, s3!, s2!, notMine], decision: 'APPROVE', comment: 'Fine for month end' },
      { queue: t.queue },
    );
    expect(result.decided).toEqual([s1, s2]);
    expect(result.refused).toEqual([
      { stepId: s3, reason: 'This request is already approved' },
      { stepId: notMine, reason: 'This approval is not assigned to you' },
    ]);
    const steps = await t.prisma.approvalStep.findMany({
      where: { id: { in: [s1!, s2!] } },
      select: { status: true, comment: true },
    });
    expect(steps).toEqual([
      { status: 'APPROVED', comment: 'Fine for month end' },
      { status: 'APPROVED', comment: 'Fine for month end' },
    ]);
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'approval.decided', entityId: { in: [s1!, s2!] } },
      }),
    ).toBe(2);
    expect(
      await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: notMine }, select: { status: true } }),
    ).toEqual({ status: 'PENDING' });
    expect((await inbox(o)).items).toEqual([]);
    // The decided list, newest decision first.
    expect(
      (await listApprovalInbox(t.prisma, o.mark, { status: 'DECIDED' })).items.map((s) => s.request.id),
    ).toEqual([o.r2.id, o.r1.id, o.r3.id]);
  });

  it('refuses a denial without a reason and changes nothing; with one, denies and tells why', async () => {
    const o = await org();
    const s1 = await stepOf(o, o.r1.id);
    for (const comment of [undefined, '   ']) {
      await expect(
        decideApprovalSteps(
          t.prisma,
          o.mark,
          { stepIds: [s1], decision: 'DENY', comment },
          { queue: t.queue },
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: 'comment: say why you deny (the requester sees the reason)',
      });
      await expect(
        decideApprovalStep(t.prisma, o.mark, { stepId: s1, decision: 'DENY', comment }, { queue: t.queue }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(
      await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: s1 }, select: { status: true } }),
    ).toEqual({ status: 'PENDING' });
    const result = await decideApprovalSteps(
      t.prisma,
      o.mark,
      { stepIds: [s1], decision: 'DENY', comment: 'Raj is back on Monday' },
      { queue: t.queue },
    );
    expect(result).toEqual({ decided: [s1], refused: [] });
    expect(
      await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: o.r1.id }, select: { status: true } }),
    ).toEqual({ status: 'DENIED' });
  });

  it('refuses a step of the approver’s own request and audits the refusal as a single decision does', async () => {
    const o = await org();
    // A step that (however it came about) asks Alice to approve her own access.
    const s1 = await stepOf(o, o.r1.id);
    const alice = await t.actor(o.alice.id);
    await t.prisma.approvalStep.update({ where: { id: s1 }, data: { approverId: o.alice.id } });
    const result = await decideApprovalSteps(
      t.prisma,
      alice,
      { stepIds: [s1], decision: 'APPROVE' },
      { queue: t.queue },
    );
    expect(result).toEqual({
      decided: [],
      refused: [
        {
          stepId: s1,
          reason: 'You cannot decide your own request or one for yourself: another approver decides it',
        },
      ],
    });
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'approval.self_approval_refused', entityId: s1 } }),
    ).toBe(1);
  });
});
