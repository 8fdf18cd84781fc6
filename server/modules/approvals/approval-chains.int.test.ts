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
import { previewAccessRequest, submitAccessRequests } from '@/server/modules/requests/index.ts';
import { saveRole } from '@/server/modules/catalog/index.ts';
import { decideApprovalStep } from './decide-approval-step.ts';
import { listMyApprovals } from './list-my-approvals.ts';
import { setDelegation } from './manage-delegations.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;

/** A small org: boss <- mark <- alice, raj; owner tom; three reviewers; an admin. */
async function org() {
  const boss = await createIdentity(t.prisma, { firstName: 'Bea' });
  const mark = await createIdentity(t.prisma, {
    firstName: 'Mark',
    managerId: boss.id,
    department: 'Finance',
  });
  const alice = await createIdentity(t.prisma, {
    firstName: 'Alice',
    managerId: mark.id,
    department: 'Finance',
  });
  const raj = await createIdentity(t.prisma, { firstName: 'Raj', managerId: mark.id, department: 'Finance' });
  const tom = await createIdentity(t.prisma, { firstName: 'Tom', managerId: boss.id, department: 'Finance' });
  const reviewers = await Promise.all(
    ['Sam', 'Ivy', 'Yuki'].map((firstName) => createIdentity(t.prisma, { firstName, managerId: boss.id })),
  );
  const team = await createTeam(t.prisma, { memberIds: reviewers.map((r) => r.id) });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const twoStage = await createApprovalPolicy(t.prisma, {
    stages: [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
      { name: 'Reviewers', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'QUORUM', quorum: 2 },
    ],
  });
  const item = await createEntitlement(t.prisma, app.id, { name: 'Treasury', ownerId: tom.id, risk: 'HIGH' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: twoStage.id } });
  return { boss, mark, alice, raj, tom, reviewers, team, app, item };
}

const pendingStepOf = async (identityId: string, requestId: string) => {
  const list = await listMyApprovals(t.prisma, await t.actor(identityId), { status: 'PENDING' });
  return list.find((s) => s.request.id === requestId) ?? null;
};
const submit = async (
  actorId: string,
  items: Array<{ kind: 'ENTITLEMENT' | 'ROLE'; id: string }>,
  extra: Partial<Parameters<typeof submitAccessRequests>[2]> = {},
  now?: Date,
) =>
  submitAccessRequests(
    t.prisma,
    await t.actor(actorId),
    { items, justification: 'Needed for the quarter close', ...extra },
    { queue: t.queue, now },
  );
const decide = async (
  actorId: string,
  stepId: string,
  decision: 'APPROVE' | 'DENY' = 'APPROVE',
  extra: object = {},
  now?: Date,
) =>
  decideApprovalStep(
    t.prisma,
    await t.actor(actorId),
    { stepId, decision, ...(decision === 'DENY' ? { comment: 'Not needed for this role.' } : {}), ...extra },
    { queue: t.queue, now },
  );

describe('approval chains', () => {
  it('runs a two-stage chain: the manager, then 2 of 3 reviewers; the requester hears of each decision', async () => {
    const { mark, alice, reviewers, item } = await org();
    const { requests } = await submit(alice.id, [{ kind: 'ENTITLEMENT', id: item.id }]);
    const requestId = requests[0]!.id;
    // Stage 2 is not anybody's yet.
    expect(await pendingStepOf(reviewers[0]!.id, requestId)).toBeNull();
    const managerStep = await pendingStepOf(mark.id, requestId);
    expect(managerStep?.request.chain.map((s) => [s.name, s.status])).toEqual([
      ['Manager approval', 'PENDING'],
      ['Reviewers', 'WAITING'],
    ]);
    expect(await decide(mark.id, managerStep!.id)).toEqual({
      requestStatus: 'PENDING',
      stageStatus: 'APPROVED',
    });

    const first = await pendingStepOf(reviewers[0]!.id, requestId);
    expect(first?.request.chain[1]?.progress).toMatchObject({ approvals: 0, required: 2, seats: 3 });
    expect(await decide(reviewers[0]!.id, first!.id)).toEqual({
      requestStatus: 'PENDING',
      stageStatus: 'PENDING',
    });
    expect(await t.prisma.grant.count({ where: { identityId: alice.id } })).toBe(0);
    const second = await pendingStepOf(reviewers[1]!.id, requestId);
    expect(await decide(reviewers[1]!.id, second!.id)).toEqual({
      requestStatus: 'APPROVED',
      stageStatus: 'APPROVED',
    });
    // The third reviewer's step is settled: nothing left to decide.
    expect(await pendingStepOf(reviewers[2]!.id, requestId)).toBeNull();
    const third = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId, approverId: reviewers[2]!.id },
    });
    expect(third.status).toBe('SKIPPED');
    await expect(decide(reviewers[2]!.id, third.id)).rejects.toMatchObject({ code: 'REQUEST_NOT_PENDING' });

    expect(
      await t.prisma.grant.count({
        where: { identityId: alice.id, entitlementId: item.id, status: 'ACTIVE' },
      }),
    ).toBe(1);
    const kinds = (
      await t.prisma.notification.findMany({
        where: { recipientId: alice.id },
        orderBy: { createdAt: 'asc' },
      })
    ).map((n) => n.kind);
    expect(kinds).toEqual(['request.progress', 'request.progress', 'request.approved']);
    // Every notification also became an email job, in the same transaction.
    expect(
      await t.prisma.$queryRaw<
        Array<{ n: bigint }>
      >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'notifications.email' AND data->>'to' = ${alice.email}`,
    ).toEqual([{ n: 3n }]);
  });

  it('computes a quorum stage once when every approver decides at the same moment', async () => {
    const { mark, alice, reviewers, item } = await org();
    const { requests } = await submit(alice.id, [{ kind: 'ENTITLEMENT', id: item.id }]);
    const requestId = requests[0]!.id;
    await decide(mark.id, (await pendingStepOf(mark.id, requestId))!.id);
    const steps = await Promise.all(
      reviewers.map(async (r) => ({ r, step: (await pendingStepOf(r.id, requestId))! })),
    );
    const results = await Promise.allSettled(steps.map(({ r, step }) => decide(r.id, step.id)));
    const ok = results
      .filter(
        (r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof decide>>> => r.status === 'fulfilled',
      )
      .map((r) => r.value);
    // Two approvals are recorded; the stage and the request are approved exactly once.
    expect(ok).toHaveLength(2);
    expect(ok.filter((r) => r.requestStatus === 'APPROVED')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: expect.stringMatching(/REQUEST_NOT_PENDING|STEP_ALREADY_DECIDED/),
      });
    }
    expect(await t.prisma.approvalStep.count({ where: { requestId, status: 'APPROVED' } })).toBe(3);
    expect(await t.prisma.grant.count({ where: { identityId: alice.id } })).toBe(1);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'request.approved', entityId: requestId } }),
    ).toBe(1);
    expect(await t.prisma.provisioningOperation.count({ where: { causeRef: `request:${requestId}` } })).toBe(
      2,
    );
  });

  it('denies a quorum once it can no longer be reached, and an ALL stage at the first denial', async () => {
    const { mark, alice, raj, reviewers, item, team, app } = await org();
    const { requests } = await submit(alice.id, [{ kind: 'ENTITLEMENT', id: item.id }]);
    await decide(mark.id, (await pendingStepOf(mark.id, requests[0]!.id))!.id);
    await decide(reviewers[0]!.id, (await pendingStepOf(reviewers[0]!.id, requests[0]!.id))!.id, 'DENY');
    expect(
      await decide(reviewers[1]!.id, (await pendingStepOf(reviewers[1]!.id, requests[0]!.id))!.id, 'DENY'),
    ).toEqual({ requestStatus: 'DENIED', stageStatus: 'DENIED' });

    const all = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Everyone', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ALL', quorum: 1 },
      ],
    });
    const other = await createEntitlement(t.prisma, app.id);
    await t.prisma.entitlement.update({ where: { id: other.id }, data: { approvalPolicyId: all.id } });
    const r2 = await submit(raj.id, [{ kind: 'ENTITLEMENT', id: other.id }]);
    await decide(reviewers[0]!.id, (await pendingStepOf(reviewers[0]!.id, r2.requests[0]!.id))!.id);
    expect(
      await decide(reviewers[2]!.id, (await pendingStepOf(reviewers[2]!.id, r2.requests[0]!.id))!.id, 'DENY'),
    ).toMatchObject({ requestStatus: 'DENIED' });
    expect(
      await t.prisma.notification.count({ where: { recipientId: raj.id, kind: 'request.denied' } }),
    ).toBe(1);
  });

  it('asks someone once: a manager who also owns the item approves both stages with one decision', async () => {
    const { mark, alice, app } = await org();
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        { name: 'Owner approval', approvers: [{ type: 'ENTITLEMENT_OWNER' }], mode: 'ANY', quorum: 1 },
      ],
    });
    const payable = await createEntitlement(t.prisma, app.id, { ownerId: mark.id });
    await t.prisma.entitlement.update({ where: { id: payable.id }, data: { approvalPolicyId: policy.id } });
    const { requests } = await submit(alice.id, [{ kind: 'ENTITLEMENT', id: payable.id }]);
    expect(await decide(mark.id, (await pendingStepOf(mark.id, requests[0]!.id))!.id)).toEqual({
      requestStatus: 'APPROVED',
      stageStatus: 'APPROVED',
    });
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId: requests[0]!.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(steps.map((s) => [s.status, s.comment])).toEqual([
      ['APPROVED', null],
      ['APPROVED', 'Approved at the earlier stage “Manager approval”'],
    ]);
  });

  it('routes a team member’s own request past them, and refuses and audits them deciding it anyway', async () => {
    const { boss, reviewers, team, app } = await org();
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Reviewers', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'QUORUM', quorum: 2 },
      ],
    });
    const tool = await createEntitlement(t.prisma, app.id);
    await t.prisma.entitlement.update({ where: { id: tool.id }, data: { approvalPolicyId: policy.id } });
    const me = reviewers[0]!;
    const { requests } = await submit(me.id, [{ kind: 'ENTITLEMENT', id: tool.id }]);
    const steps = await t.prisma.approvalStep.findMany({ where: { requestId: requests[0]!.id } });
    expect(new Set(steps.map((s) => `${s.approverId}:${s.reason}`))).toEqual(
      new Set([`${reviewers[1]!.id}:TEAM`, `${reviewers[2]!.id}:TEAM`, `${boss.id}:SELF_REROUTE`]),
    );
    const forced = steps[0]!;
    await t.prisma.approvalStep.update({ where: { id: forced.id }, data: { approverId: me.id } });
    await expect(decide(me.id, forced.id)).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'approval.self_approval_refused', actorId: me.id },
      }),
    ).toBe(1);
  });

  it('lets the approver shorten the end date but never lengthen it', async () => {
    const { mark, alice, app } = await org();
    const now = new Date('2026-06-01T00:00:00Z');
    const temp = await createEntitlement(t.prisma, app.id, { maxDurationDays: 30 });
    const { requests } = await submit(
      alice.id,
      [{ kind: 'ENTITLEMENT', id: temp.id }],
      { requestedEndsAt: new Date(now.getTime() + 20 * DAY) },
      now,
    );
    const step = (await pendingStepOf(mark.id, requests[0]!.id))!;
    await expect(
      decide(mark.id, step.id, 'APPROVE', { approvedEndsAt: new Date(now.getTime() + 25 * DAY) }, now),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'approvedEndsAt' },
    });
    await decide(mark.id, step.id, 'APPROVE', { approvedEndsAt: new Date(now.getTime() + 7 * DAY) }, now);
    const grant = await t.prisma.grant.findFirstOrThrow({
      where: { identityId: alice.id, entitlementId: temp.id },
    });
    expect(grant.endsAt).toEqual(new Date(now.getTime() + 7 * DAY));
  });

  it('lets an out-of-office delegate decide, recording both people, only within the dates', async () => {
    const { mark, alice, raj, app } = await org();
    const group = await createEntitlement(t.prisma, app.id);
    const now = new Date();
    await setDelegation(t.prisma, await t.actor(mark.id), {
      delegateId: raj.id,
      startsAt: new Date(now.getTime() - DAY),
      endsAt: new Date(now.getTime() + DAY),
    });
    const { requests } = await submit(alice.id, [{ kind: 'ENTITLEMENT', id: group.id }]);
    // The delegate is told, and sees the step with whom it is for.
    expect(
      await t.prisma.notification.count({ where: { recipientId: raj.id, kind: 'approval.assigned' } }),
    ).toBe(1);
    const step = (await pendingStepOf(raj.id, requests[0]!.id))!;
    expect(step.onBehalfOf?.id).toBe(mark.id);
    // Outside the range the delegate may not decide.
    await expect(
      decide(raj.id, step.id, 'APPROVE', {}, new Date(now.getTime() + 2 * DAY)),
    ).rejects.toMatchObject({ code: 'NOT_ASSIGNED_APPROVER' });
    await decide(raj.id, step.id);
    const decided = await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: step.id } });
    expect([decided.approverId, decided.decidedById]).toEqual([mark.id, raj.id]);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.decided', entityId: step.id },
    });
    expect(audit.metadata).toMatchObject({ onBehalfOf: mark.id });
    // A delegate never decides a request that is their own.
    const own = await submit(raj.id, [{ kind: 'ENTITLEMENT', id: group.id }]);
    await expect(
      decide(raj.id, (await pendingStepOf(raj.id, own.requests[0]!.id))!.id),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
  });

  it('counts one person once in a quorum, even as the delegate of another approver', async () => {
    const { alice, reviewers, item, mark } = await org();
    const [sam, ivy] = reviewers;
    const now = new Date();
    await setDelegation(t.prisma, await t.actor(ivy!.id), {
      delegateId: sam!.id,
      startsAt: new Date(now.getTime() - DAY),
      endsAt: new Date(now.getTime() + DAY),
    });
    const { requests } = await submit(alice.id, [{ kind: 'ENTITLEMENT', id: item.id }]);
    const requestId = requests[0]!.id;
    await decide(mark.id, (await pendingStepOf(mark.id, requestId))!.id);
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId, approverId: { in: [sam!.id, ivy!.id] } },
    });
    const samsStep = steps.find((s) => s.approverId === sam!.id)!;
    const ivysStep = steps.find((s) => s.approverId === ivy!.id)!;
    expect(await decide(sam!.id, samsStep.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'PENDING' });
    await expect(decide(sam!.id, ivysStep.id)).rejects.toMatchObject({ code: 'STEP_ALREADY_DECIDED' });
    expect(await t.prisma.grant.count({ where: { identityId: alice.id } })).toBe(0);
  });

  it('chooses the policy attached to the item, else its risk default, else the manager', async () => {
    const { mark, tom, alice, app, item } = await org();
    const medium = await createEntitlement(t.prisma, app.id, { risk: 'MEDIUM', ownerId: tom.id });
    const low = await createEntitlement(t.prisma, app.id, { risk: 'LOW' });
    await createApprovalPolicy(t.prisma, {
      defaultForRisk: 'MEDIUM',
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        { name: 'Owner approval', approvers: [{ type: 'ENTITLEMENT_OWNER' }], mode: 'ANY', quorum: 1 },
      ],
    });
    const { requests } = await submit(alice.id, [
      { kind: 'ENTITLEMENT', id: item.id },
      { kind: 'ENTITLEMENT', id: medium.id },
      { kind: 'ENTITLEMENT', id: low.id },
    ]);
    const chains = await Promise.all(
      requests.map((r) =>
        t.prisma.approvalStage.findMany({
          where: { requestId: r.id },
          orderBy: { position: 'asc' },
          select: { name: true, steps: { select: { approverId: true } } },
        }),
      ),
    );
    expect(chains.map((c) => c.map((s) => s.name))).toEqual([
      ['Manager approval', 'Reviewers'],
      ['Manager approval', 'Owner approval'],
      ['Manager approval'],
    ]);
    expect(chains[1]![1]!.steps.map((s) => s.approverId)).toEqual([tom.id]);
    expect(chains[2]![0]!.steps.map((s) => s.approverId)).toEqual([mark.id]);
    // One submission, one batch, each item its own request.
    expect(
      new Set(
        (await t.prisma.accessRequest.findMany({ where: { id: { in: requests.map((r) => r.id) } } })).map(
          (r) => r.batchId,
        ),
      ).size,
    ).toBe(1);
  });

  it('approves a role as its riskiest entitlement requires, and a later edit leaves pending requests their chain', async () => {
    const { mark, alice, raj, app, team } = await org();
    await createApprovalPolicy(t.prisma, {
      name: 'High risk',
      defaultForRisk: 'HIGH',
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        {
          name: 'Security review',
          approvers: [{ type: 'TEAM', teamKey: team.key }],
          mode: 'QUORUM',
          quorum: 2,
        },
      ],
    });
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger', risk: 'MEDIUM' });
    const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
    const role = await createRole(t.prisma, {
      name: 'Finance Operations',
      risk: 'MEDIUM',
      entitlementIds: [ledger.id, payroll.id],
    });
    const asked = [{ kind: 'ROLE' as const, id: role.id }];

    const preview = await previewAccessRequest(t.prisma, await t.actor(alice.id), { items: asked });
    expect(preview.items[0]).toMatchObject({
      risk: 'HIGH',
      policy: { name: 'High risk', source: 'RISK_DEFAULT' },
    });
    expect(preview.items[0]!.stages.map((s) => s.name)).toEqual(['Manager approval', 'Security review']);
    const { requests } = await submit(alice.id, asked);
    const stagesOf = (requestId: string) =>
      t.prisma.approvalStage.findMany({
        where: { requestId },
        orderBy: { position: 'asc' },
        select: { name: true, quorum: true },
      });
    const highChain = [
      { name: 'Manager approval', quorum: 1 },
      { name: 'Security review', quorum: 2 },
    ];
    expect(await stagesOf(requests[0]!.id)).toEqual(highChain);

    // Payroll leaves the role: new requests are Medium again,
    // while the one already pending keeps the chain it was submitted with.
    await saveRole(
      t.prisma,
      await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id),
      { ...role, entitlementIds: [ledger.id] },
      { queue: t.queue },
    );
    expect(
      (await previewAccessRequest(t.prisma, await t.actor(raj.id), { items: asked })).items[0],
    ).toMatchObject({
      risk: 'MEDIUM',
    });
    expect(await stagesOf(requests[0]!.id)).toEqual(highChain);
    await decide(mark.id, (await pendingStepOf(mark.id, requests[0]!.id))!.id);
    expect(await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requests[0]!.id } })).toMatchObject({
      status: 'PENDING',
    });
  });

  it('reads a management chain that loops back on itself once, and asks the manager', async () => {
    // The chain is read by a recursion that keeps every row (no hash table sized by the planner's
    // guess: docs/decisions/095); its CYCLE clause is what stops it here.
    const { app } = await org();
    const lead = await createIdentity(t.prisma, { firstName: 'Lou' });
    const dev = await createIdentity(t.prisma, { firstName: 'Dev', managerId: lead.id });
    await t.prisma.identity.update({ where: { id: lead.id }, data: { managerId: dev.id } });
    const low = await createEntitlement(t.prisma, app.id, { risk: 'LOW' });
    const { requests } = await submit(dev.id, [{ kind: 'ENTITLEMENT', id: low.id }]);
    const stages = await t.prisma.approvalStage.findMany({
      where: { requestId: requests[0]!.id },
      select: { name: true, steps: { select: { approverId: true } } },
    });
    expect(stages).toEqual([{ name: 'Manager approval', steps: [{ approverId: lead.id }] }]);
  });

  it('grants a role through its own chain, and the role’s entitlements are planned', async () => {
    const { mark, alice, app } = await org();
    const [a, b] = [await createEntitlement(t.prisma, app.id), await createEntitlement(t.prisma, app.id)];
    const role = await createRole(t.prisma, { entitlementIds: [a.id, b.id] });
    const { requests } = await submit(alice.id, [{ kind: 'ROLE', id: role.id }]);
    await decide(mark.id, (await pendingStepOf(mark.id, requests[0]!.id))!.id);
    expect(
      await t.prisma.grant.findFirst({ where: { identityId: alice.id, roleId: role.id } }),
    ).toMatchObject({ status: 'ACTIVE', source: 'REQUEST' });
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { causeRef: `request:${requests[0]!.id}` },
    });
    expect(
      ops
        .filter((o) => o.kind === 'ADD_ENTITLEMENT')
        .map((o) => o.entitlementId)
        .sort(),
    ).toEqual([a.id, b.id].sort());
  });

  it('writes nothing when any item of a submission is refused', async () => {
    const { alice, app } = await org();
    const fine = await createEntitlement(t.prisma, app.id);
    const closed = await createEntitlement(t.prisma, app.id, { requestable: false });
    await expect(
      submit(alice.id, [
        { kind: 'ENTITLEMENT', id: fine.id },
        { kind: 'ENTITLEMENT', id: closed.id },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_REQUESTABLE' });
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(0);
  });

  it('makes one batch of a form submitted several times at once', async () => {
    const { alice, app } = await org();
    const [a, b] = [await createEntitlement(t.prisma, app.id), await createEntitlement(t.prisma, app.id)];
    const items = [
      { kind: 'ENTITLEMENT' as const, id: a.id },
      { kind: 'ENTITLEMENT' as const, id: b.id },
    ];
    const results = await Promise.all(
      Array.from({ length: 4 }, () => submit(alice.id, items, { idempotencyKey: 'form-xyz-123' })),
    );
    expect(new Set(results.map((r) => r.batchId)).size).toBe(1);
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(2);
  });
});
