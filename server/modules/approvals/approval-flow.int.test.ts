import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createAccessRequest, cancelAccessRequest, listMyRequests } from '@/server/modules/requests/index.ts';
import { revokeGrant, listAccessOf } from '@/server/modules/access/index.ts';
import { closePendingExtensions } from './advance-request.ts';
import { decideApprovalStep } from './decide-approval-step.ts';
import { listMyApprovals } from './list-my-approvals.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { createGrant } from '@/server/seed/factories.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

async function org() {
  const boss = await createIdentity(t.prisma, { firstName: 'Bea', lastName: 'Boss' });
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const group = await createEntitlement(t.prisma, app.id, { name: 'Finance Reporting' });
  return { boss, mark, alice, app, group };
}
/** The pg-boss jobs carrying these operations (job id = operation id). */
/** The pg-boss jobs carrying these operations (one job per account and plan). */
const jobsFor = async (ids: string[]) =>
  t.prisma.$queryRaw<Array<{ id: string; singleton_key: string; data: { operationIds: string[] } }>>`
    SELECT id::text, singleton_key, data FROM pgboss.job WHERE name = 'provisioning.apply' AND (data->'operationIds') ?| ${ids}::text[]`;

describe('request and approval', () => {
  it('routes to the manager; approval creates the grant and its job in one transaction', async () => {
    const { mark, alice, group } = await org();
    const req = await createAccessRequest(
      t.prisma,
      await t.actor(alice.id),
      { entitlementId: group.id, justification: 'Month-end close' },
      { queue: t.queue },
    );
    const [step] = await listMyApprovals(t.prisma, await t.actor(mark.id), { status: 'PENDING' });
    expect(step?.request.id).toBe(req.id);
    expect(step?.request.beneficiary.id).toBe(alice.id);

    expect(
      await decideApprovalStep(
        t.prisma,
        await t.actor(mark.id),
        { stepId: step!.id, decision: 'APPROVE', comment: 'ok' },
        { queue: t.queue },
      ),
    ).toMatchObject({
      requestStatus: 'APPROVED',
    });
    const grant = await t.prisma.grant.findFirstOrThrow({
      where: { identityId: alice.id, entitlementId: group.id },
    });
    expect(grant).toMatchObject({ source: 'REQUEST', sourceRef: req.id, status: 'ACTIVE' });
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { causeRef: `request:${req.id}` },
      orderBy: { sequence: 'asc' },
    });
    expect(ops.map((o) => o.kind)).toEqual(['CREATE_ACCOUNT', 'ADD_ENTITLEMENT']);
    const jobs = await jobsFor(ops.map((o) => o.id));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      singleton_key: ops[0]!.accountId,
      data: { operationIds: ops.map((o) => o.id) },
    });

    const [mine] = await listMyRequests(t.prisma, await t.actor(alice.id), { limit: 10 });
    expect(mine?.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'approved',
      'provisioning',
      'provisioning',
    ]);
    expect(mine?.provisioning.state).toBe('provisioning');
    const access = await listAccessOf(t.prisma, alice.id);
    expect(access[0]?.items[0]).toMatchObject({
      state: 'provisioning',
      why: { source: 'REQUEST', approvedBy: mark.displayName },
    });
  });

  it('refuses a decision by someone not assigned, a second decision, and a request no longer pending', async () => {
    const { boss, mark, alice, group } = await org();
    await createAccessRequest(
      t.prisma,
      await t.actor(alice.id),
      { entitlementId: group.id, justification: 'x' },
      { queue: t.queue },
    );
    const [step] = await listMyApprovals(t.prisma, await t.actor(mark.id), { status: 'PENDING' });
    await expect(
      decideApprovalStep(
        t.prisma,
        await t.actor(boss.id),
        { stepId: step!.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({
      code: 'NOT_ASSIGNED_APPROVER',
    });
    await decideApprovalStep(
      t.prisma,
      await t.actor(mark.id),
      { stepId: step!.id, decision: 'DENY', comment: 'not needed' },
      { queue: t.queue },
    );
    await expect(
      decideApprovalStep(
        t.prisma,
        await t.actor(mark.id),
        { stepId: step!.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({
      code: 'REQUEST_NOT_PENDING',
    });
    expect(await t.prisma.grant.count({ where: { identityId: alice.id } })).toBe(0);
  });

  it('lets exactly one of two racing approvals win', async () => {
    const { mark, alice, group } = await org();
    await createAccessRequest(
      t.prisma,
      await t.actor(alice.id),
      { entitlementId: group.id, justification: 'x' },
      { queue: t.queue },
    );
    const [step] = await listMyApprovals(t.prisma, await t.actor(mark.id), { status: 'PENDING' });
    const actor = await t.actor(mark.id);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        decideApprovalStep(t.prisma, actor, { stepId: step!.id, decision: 'APPROVE' }, { queue: t.queue }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: expect.stringMatching(/REQUEST_NOT_PENDING|STEP_ALREADY_DECIDED/),
      });
    }
    expect(await t.prisma.grant.count({ where: { identityId: alice.id } })).toBe(1);
    expect(await t.prisma.provisioningOperation.count({ where: { identityId: alice.id } })).toBe(2);
  });

  it('never lets a manager approve a request they made for their report: it goes one level up', async () => {
    const { boss, mark, alice, group } = await org();
    const req = await createAccessRequest(
      t.prisma,
      await t.actor(mark.id),
      { entitlementId: group.id, beneficiaryId: alice.id, justification: 'for Alice' },
      { queue: t.queue },
    );
    const steps = await t.prisma.approvalStep.findMany({ where: { requestId: req.id } });
    expect(steps.map((s) => [s.approverId, s.reason])).toEqual([[boss.id, 'SELF_REROUTE']]);
    // Even a step forced onto the requester is refused and audited.
    await t.prisma.approvalStep.update({ where: { id: steps[0]!.id }, data: { approverId: mark.id } });
    await expect(
      decideApprovalStep(
        t.prisma,
        await t.actor(mark.id),
        { stepId: steps[0]!.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({
      code: 'SELF_APPROVAL',
    });
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'approval.self_approval_refused', actorId: mark.id },
      }),
    ).toBe(1);
  });

  it('lets only managers and admins request for others', async () => {
    const { mark, alice, group } = await org();
    await expect(
      createAccessRequest(
        t.prisma,
        await t.actor(alice.id),
        { entitlementId: group.id, beneficiaryId: mark.id, justification: 'x' },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps one request per item: a double submit with the same key, or a second request', async () => {
    const { alice, group } = await org();
    const actor = await t.actor(alice.id);
    const [a, b] = await Promise.all([
      createAccessRequest(
        t.prisma,
        actor,
        { entitlementId: group.id, justification: 'x', idempotencyKey: 'form-1' },
        { queue: t.queue },
      ),
      createAccessRequest(
        t.prisma,
        actor,
        { entitlementId: group.id, justification: 'x', idempotencyKey: 'form-1' },
        { queue: t.queue },
      ),
    ]);
    expect(a.id).toBe(b.id);
    await expect(
      createAccessRequest(
        t.prisma,
        actor,
        { entitlementId: group.id, justification: 'again' },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({
      code: 'ALREADY_REQUESTED',
    });
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(1);
  });

  it('bounds the end date by the maximum duration and writes nothing on bad input', async () => {
    const { alice, app } = await org();
    const temp = await createEntitlement(t.prisma, app.id, { maxDurationDays: 30 });
    const actor = await t.actor(alice.id);
    const now = new Date('2026-06-01T00:00:00Z');
    await expect(
      createAccessRequest(
        t.prisma,
        actor,
        { entitlementId: temp.id, justification: 'x' },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'requestedEndsAt' },
    });
    await expect(
      createAccessRequest(
        t.prisma,
        actor,
        { entitlementId: temp.id, justification: 'x', requestedEndsAt: new Date('2026-08-01') },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(0);
    const ok = await createAccessRequest(
      t.prisma,
      actor,
      { entitlementId: temp.id, justification: 'x', requestedEndsAt: new Date('2026-06-20') },
      { queue: t.queue, now },
    );
    expect(ok.status).toBe('PENDING');
  });

  it('lets the requester cancel while pending, and nobody else', async () => {
    const { mark, alice, group } = await org();
    const req = await createAccessRequest(
      t.prisma,
      await t.actor(alice.id),
      { entitlementId: group.id, justification: 'x' },
      { queue: t.queue },
    );
    await expect(
      cancelAccessRequest(t.prisma, await t.actor(mark.id), req.id, { queue: t.queue }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await cancelAccessRequest(t.prisma, await t.actor(alice.id), req.id, { queue: t.queue })).toEqual({
      status: 'CANCELLED',
    });
    expect(await listMyApprovals(t.prisma, await t.actor(mark.id), { status: 'PENDING' })).toEqual([]);
  });

  it('lets the holder give access up and the manager take it away, and nobody else', async () => {
    const { boss, mark, alice, group } = await org();
    await createAccessRequest(
      t.prisma,
      await t.actor(alice.id),
      { entitlementId: group.id, justification: 'x' },
      { queue: t.queue },
    );
    const [step] = await listMyApprovals(t.prisma, await t.actor(mark.id), { status: 'PENDING' });
    await decideApprovalStep(
      t.prisma,
      await t.actor(mark.id),
      { stepId: step!.id, decision: 'APPROVE' },
      { queue: t.queue },
    );
    const grant = await t.prisma.grant.findFirstOrThrow({ where: { identityId: alice.id } });
    await expect(
      revokeGrant(
        t.prisma,
        await t.actor(boss.id),
        { grantId: grant.id },
        { queue: t.queue, closePendingExtensions },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const done = await revokeGrant(
      t.prisma,
      await t.actor(mark.id),
      { grantId: grant.id, reason: 'moved team' },
      { queue: t.queue, closePendingExtensions },
    );
    expect(done.status).toBe('REVOKED');
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { causeRef: `grant:${grant.id}` },
      orderBy: { sequence: 'asc' },
    });
    expect(ops.map((o) => o.kind)).toEqual(['REMOVE_ENTITLEMENT', 'DISABLE_ACCOUNT']);
    await expect(
      revokeGrant(
        t.prisma,
        await t.actor(alice.id),
        { grantId: grant.id },
        { queue: t.queue, closePendingExtensions },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      await t.prisma.notification.count({ where: { recipientId: alice.id, kind: 'grant.revoked' } }),
    ).toBe(1);
  });

  it('leaves neither operations nor jobs when the transaction that planned them rolls back', async () => {
    const { alice, group } = await org();
    await createGrant(t.prisma, { identityId: alice.id, entitlementId: group.id });
    let planned: string[] = [];
    await expect(
      t.prisma.$transaction(async (tx) => {
        planned = (
          await planAccess(
            tx,
            [alice.id],
            { reason: 'TEST', actor: await t.actor(alice.id) },
            { queue: t.queue },
          )
        ).map((o) => o.id);
        throw new Error('something later in the transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect(planned).toHaveLength(2);
    expect(await jobsFor(planned)).toEqual([]);
    expect(await t.prisma.provisioningOperation.count({ where: { id: { in: planned } } })).toBe(0);
  });
});
