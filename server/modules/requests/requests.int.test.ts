import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createSodRule,
  createTeam,
  createGrant,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import {
  saveApprovalSettings,
  listMyDelegations,
  setDelegation,
  saveAutoApprovalRule,
} from '@/server/modules/approvals/index.ts';
import { cancelAccessRequest } from './cancel-access-request.ts';
import { expireStaleRequests } from './expire-stale-requests.ts';
import { listMyRequests } from './list-my-requests.ts';
import { previewAccessRequest } from './preview-access-request.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;

async function org() {
  const boss = await createIdentity(t.prisma, { firstName: 'Bea', department: 'Finance' });
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
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const reviewers = await Promise.all(
    ['Sam', 'Yuki', 'Zed'].map((firstName) => createIdentity(t.prisma, { firstName })),
  );
  const team = await createTeam(t.prisma, {
    name: 'Security reviewers',
    memberIds: reviewers.map((r) => r.id),
  });
  const app = await createApplication(t.prisma, {
    name: 'Corporate Directory',
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const reports = await createEntitlement(t.prisma, app.id, { name: 'Finance Reporting', ownerId: boss.id });
  const payable = await createEntitlement(t.prisma, app.id, {
    name: 'Accounts Payable',
    ownerId: mark.id,
    risk: 'HIGH',
  });
  return { boss, mark, alice, ivy, reviewers, team, app, reports, payable };
}

describe('requests', () => {
  it('previews in plain terms who approves each stage, by name, and what segregation of duties says', async () => {
    const { alice, team, payable, app } = await org();
    const policy = await createApprovalPolicy(t.prisma, {
      name: 'High risk',
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
    await t.prisma.entitlement.update({ where: { id: payable.id }, data: { approvalPolicyId: policy.id } });
    const treasury = await createEntitlement(t.prisma, app.id, { name: 'Treasury Payments' });
    await createGrant(t.prisma, { identityId: alice.id, entitlementId: treasury.id });
    await createSodRule(t.prisma, {
      name: 'Payment segregation',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: payable.id }],
      sideB: [{ entitlementId: treasury.id }],
    });
    const preview = await previewAccessRequest(t.prisma, await t.actor(alice.id), {
      items: [{ kind: 'ENTITLEMENT', id: payable.id }],
    });
    const [it0] = preview.items;
    expect(it0?.policy).toEqual({ name: 'High risk', source: 'ATTACHED' });
    expect(it0?.stages.map((s) => [s.name, s.mode, s.required, s.approvers.map((a) => a.reason)])).toEqual([
      ['Manager approval', 'ANY', 1, ['MANAGER']],
      ['Security review', 'QUORUM', 2, ['TEAM', 'TEAM', 'TEAM']],
      ['Segregation of duties: mitigating control', 'ANY', 1, ['SOD_MITIGATOR']],
    ]);
    expect(it0?.stages[1]?.approvers[0]?.team).toBe('Security reviewers');
    expect(it0?.sod).toEqual([
      {
        ruleName: 'Payment segregation',
        severity: 'MITIGATABLE',
        status: 'NEEDS_MITIGATION',
        explanation:
          'Accounts Payable (requested now) conflicts with Treasury Payments (granted by the identity team) under the rule “Payment segregation”. It is allowed only with a mitigating control, recorded by a security officer.',
      },
    ]);
    expect(preview).toMatchObject({ canSubmit: true, needsMitigation: true, isBlockedBySod: false });
    // Nothing was written.
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(0);
  });

  it('answers for segregation of duties about the items that can be requested, not one found unavailable', async () => {
    const { alice, app } = await org();
    const closed = await createApplication(t.prisma, { name: 'Retired ledger' });
    const open = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
    const gone = await createEntitlement(t.prisma, closed.id, { name: 'Old payments' });
    await createSodRule(t.prisma, {
      sideA: [{ entitlementId: open.id }],
      sideB: [{ entitlementId: gone.id }],
    });
    const actor = await t.actor(alice.id);
    const items = [
      { kind: 'ENTITLEMENT' as const, id: open.id },
      { kind: 'ENTITLEMENT' as const, id: gone.id },
    ];
    const codes = async () =>
      (await previewAccessRequest(t.prisma, actor, { items })).items.map((i) => [
        i.name,
        i.problems.map((p) => p.code),
        i.sod.map((c) => c.status),
      ]);
    // Both available: asking for both breaks the rule.
    expect(await codes()).toEqual([
      ['Vendor master', ['SOD_CONFLICT'], ['BLOCKED']],
      ['Old payments', ['SOD_CONFLICT'], ['BLOCKED']],
    ]);
    // Its application disabled, the other item cannot be had: SoD is read beside the items, before
    // that is known, and must then be asked again without it.
    await t.prisma.application.update({ where: { id: closed.id }, data: { enabled: false } });
    expect(await codes()).toEqual([
      ['Vendor master', [], []],
      ['Unknown item', ['NOT_FOUND'], []],
    ]);
  });

  it('names whom a previewed request is for when it is not the asker: the form’s question reads it', async () => {
    const { mark, alice, reports } = await org();
    const preview = (asker: string, beneficiaryId?: string) =>
      t.actor(asker).then((actor) =>
        previewAccessRequest(t.prisma, actor, {
          items: [{ kind: 'ENTITLEMENT', id: reports.id }],
          beneficiaryId,
        }),
      );
    expect((await preview(mark.id, alice.id)).forWhom).toBe(alice.displayName);
    expect((await preview(mark.id)).forWhom).toBeNull();
    // Naming oneself is asking for oneself.
    expect((await preview(alice.id, alice.id)).forWhom).toBeNull();
  });

  it('suggests the role that already bundles what is asked for', async () => {
    const { alice, app, reports } = await org();
    const payables = await createEntitlement(t.prisma, app.id, { name: 'Payables' });
    const role = await createRole(t.prisma, {
      name: 'Finance Operations',
      entitlementIds: [reports.id, payables.id],
    });
    await createRole(t.prisma, { name: 'Closed role', entitlementIds: [payables.id], requestable: false });
    const preview = await previewAccessRequest(t.prisma, await t.actor(alice.id), {
      items: [{ kind: 'ENTITLEMENT', id: payables.id }],
    });
    expect(preview.suggestions).toEqual([
      {
        roleId: role.id,
        name: 'Finance Operations',
        description: 'A role for tests',
        risk: 'LOW',
        covers: ['Payables'],
        alsoGives: ['Finance Reporting'],
      },
    ]);
  });

  it('approves at once what an auto-approval rule covers, and records the rule', async () => {
    const { alice, ivy, reports, payable } = await org();
    const { id: ruleId } = await saveAutoApprovalRule(t.prisma, await t.actor(ivy.id), {
      name: 'Low risk in the owner’s department',
      description: '',
      enabled: true,
      condition: {
        maxRisk: 'LOW',
        sameDepartmentAsOwner: true,
        departments: [],
        employmentTypes: ['EMPLOYEE'],
        itemKinds: [],
      },
    });
    const preview = await previewAccessRequest(t.prisma, await t.actor(alice.id), {
      items: [
        { kind: 'ENTITLEMENT', id: reports.id },
        { kind: 'ENTITLEMENT', id: payable.id },
      ],
    });
    expect(preview.items.map((i) => i.autoApproval?.ruleName ?? null)).toEqual([
      'Low risk in the owner’s department',
      null,
    ]);
    const result = await submitAccessRequests(
      t.prisma,
      await t.actor(alice.id),
      {
        items: [
          { kind: 'ENTITLEMENT', id: reports.id },
          { kind: 'ENTITLEMENT', id: payable.id },
        ],
        justification: 'Month-end close work',
      },
      { queue: t.queue },
    );
    expect(result.requests.map((r) => [r.status, r.autoApprovedBy])).toEqual([
      ['APPROVED', ruleId],
      ['PENDING', null],
    ]);
    const grant = await t.prisma.grant.findFirstOrThrow({
      where: { identityId: alice.id, entitlementId: reports.id },
    });
    expect(grant.grantedById).toBeNull();
    expect(
      await t.prisma.auditEvent.findFirst({
        where: { action: 'request.auto_approved', entityId: result.requests[0]!.id },
      }),
    ).toMatchObject({
      after: expect.objectContaining({ rule: { id: ruleId, name: 'Low risk in the owner’s department' } }),
    });
    const mine = await listMyRequests(t.prisma, await t.actor(alice.id), { limit: 10 });
    expect(mine.find((r) => r.id === result.requests[0]!.id)?.autoApprovedBy).toBe(
      'Low risk in the owner’s department',
    );
    // Its policy names an empty team, so nobody could approve it; the rule needs nobody.
    const { boss, app } = await org();
    const nobody = await createTeam(t.prisma, { name: 'Nobody yet', memberIds: [] });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [{ name: 'Desk', approvers: [{ type: 'TEAM', teamKey: nobody.key }], mode: 'ANY', quorum: 1 }],
    });
    const tools = await createEntitlement(t.prisma, app.id, { name: 'Finance Tools', ownerId: boss.id });
    await t.prisma.entitlement.update({ where: { id: tools.id }, data: { approvalPolicyId: policy.id } });
    const covered = await submitAccessRequests(
      t.prisma,
      await t.actor(alice.id),
      { items: [{ kind: 'ENTITLEMENT', id: tools.id }], justification: 'Month-end close work' },
      { queue: t.queue },
    );
    expect(covered.requests.map((r) => [r.status, r.autoApprovedBy])).toEqual([['APPROVED', ruleId]]);
    await t.prisma.autoApprovalRule.deleteMany({});
  });

  it('expires requests nobody decides within the configured age, and lets the requester cancel before that', async () => {
    const { alice, ivy, reports, payable } = await org();
    await saveApprovalSettings(t.prisma, await t.actor(ivy.id), { requestMaxAgeDays: 14 });
    const then = new Date('2026-02-01T00:00:00Z');
    const submitted = await submitAccessRequests(
      t.prisma,
      await t.actor(alice.id),
      {
        items: [
          { kind: 'ENTITLEMENT', id: reports.id },
          { kind: 'ENTITLEMENT', id: payable.id },
        ],
        justification: 'Month-end close work',
      },
      { queue: t.queue, now: then },
    );
    await t.prisma.accessRequest.updateMany({
      where: { batchId: submitted.batchId },
      data: { createdAt: then },
    });
    expect(
      await cancelAccessRequest(t.prisma, await t.actor(alice.id), submitted.requests[1]!.id, {
        queue: t.queue,
      }),
    ).toEqual({
      status: 'CANCELLED',
    });
    expect(
      (await expireStaleRequests(t.prisma, { queue: t.queue, now: new Date(then.getTime() + 13 * DAY) }))
        .expired,
    ).toBe(0);
    expect(
      (await expireStaleRequests(t.prisma, { queue: t.queue, now: new Date(then.getTime() + 15 * DAY) }))
        .expired,
    ).toBe(1);
    const [first] = await t.prisma.accessRequest.findMany({ where: { id: submitted.requests[0]!.id } });
    expect(first?.status).toBe('EXPIRED');
    expect(await t.prisma.approvalStep.count({ where: { requestId: first!.id, status: 'PENDING' } })).toBe(0);
    expect(
      await t.prisma.notification.count({ where: { recipientId: alice.id, kind: 'request.expired' } }),
    ).toBe(1);
  });

  it('keeps one stand-in at a time, in the future, never oneself', async () => {
    const { mark, alice, boss } = await org();
    const actor = await t.actor(mark.id);
    const now = new Date();
    await expect(
      setDelegation(t.prisma, actor, {
        delegateId: mark.id,
        startsAt: now,
        endsAt: new Date(now.getTime() + DAY),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await setDelegation(t.prisma, actor, {
      delegateId: boss.id,
      startsAt: now,
      endsAt: new Date(now.getTime() + 5 * DAY),
    });
    await expect(
      setDelegation(t.prisma, actor, {
        delegateId: alice.id,
        startsAt: new Date(now.getTime() + 2 * DAY),
        endsAt: new Date(now.getTime() + 9 * DAY),
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const mine = await listMyDelegations(t.prisma, actor);
    expect(mine.given.map((d) => [d.delegate.id, d.isActive])).toEqual([[boss.id, true]]);
    expect(
      (await listMyDelegations(t.prisma, await t.actor(boss.id))).received.map((d) => d.delegator.id),
    ).toEqual([mark.id]);
  });
});
