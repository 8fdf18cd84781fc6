import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { selectApprovalPolicy } from './select-approval-policy.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e as TRPCError).code,
  );

describe('governance administration through tRPC', () => {
  it('lets the identity team edit policies, move a risk default and attach policies; nobody else', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const audrey = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const sam = await createIdentity(t.prisma, { portalRoles: ['SECURITY_OFFICER'] });
    const team = await createTeam(t.prisma, { key: 'reviewers', memberIds: [sam.id] });
    const app = await createApplication(t.prisma);
    const item = await createEntitlement(t.prisma, app.id, { name: 'Ledger', risk: 'HIGH' });
    const role = await createRole(t.prisma, { name: 'Ops', entitlementIds: [item.id], risk: 'HIGH' });
    const admin = await t.callerFor(ivy.id);
    const stages = [
      {
        name: 'Reviewers',
        approvers: [{ type: 'TEAM' as const, teamKey: team.key }],
        mode: 'ANY' as const,
        quorum: 1,
      },
    ];

    expect(
      await codeOf(
        admin.approvalPolicies.save({
          key: 'bad',
          name: 'Bad team',
          stages: [{ ...stages[0]!, approvers: [{ type: 'TEAM', teamKey: 'nope' }] }],
        }),
      ),
    ).toBe('BAD_REQUEST');
    const first = await admin.approvalPolicies.save({
      key: 'high-one',
      name: 'High one',
      defaultForRisk: 'HIGH',
      stages,
    });
    const second = await admin.approvalPolicies.save({
      key: 'high-two',
      name: 'High two',
      defaultForRisk: 'HIGH',
      stages,
    });
    expect(await codeOf(admin.approvalPolicies.save({ key: 'high-two', name: 'Duplicate', stages }))).toBe(
      'CONFLICT',
    );
    const { policies } = await admin.approvalPolicies.list();
    expect(policies.filter((p) => p.defaultForRisk === 'HIGH').map((p) => p.id)).toEqual([second.id]);
    expect((await selectApprovalPolicy(t.prisma, { approvalPolicyId: null, risk: 'HIGH' })).name).toBe(
      'High two',
    );

    await admin.approvalPolicies.attach({ policyId: first.id, targets: [{ kind: 'ROLE', id: role.id }] });
    const targets = await admin.approvalPolicies.targets();
    expect(targets.find((x) => x.id === role.id)?.effective).toBe('High one');
    expect(targets.find((x) => x.id === item.id)?.effective).toBe('High two');
    await admin.approvalPolicies.delete({ id: first.id });
    expect((await admin.approvalPolicies.targets()).find((x) => x.id === role.id)?.effective).toBe(
      'High two',
    );

    expect(await codeOf((await t.callerFor(audrey.id)).approvalPolicies.list())).toBe('FORBIDDEN');
    expect(
      await codeOf((await t.callerFor(sam.id)).approvalPolicies.save({ key: 'x-y', name: 'Mine', stages })),
    ).toBe('FORBIDDEN');
  });

  it('lets the identity team write SoD rules, auditors and security read them, security scan and mitigate', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const audrey = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const sam = await createIdentity(t.prisma, { portalRoles: ['SECURITY_OFFICER'] });
    const bob = await createIdentity(t.prisma);
    const app = await createApplication(t.prisma);
    const [a, b] = [
      await createEntitlement(t.prisma, app.id, { name: 'A' }),
      await createEntitlement(t.prisma, app.id, { name: 'B' }),
    ];
    const admin = await t.callerFor(ivy.id);
    const rule = {
      name: 'A with B',
      description: '',
      severity: 'MITIGATABLE' as const,
      enabled: true,
      sideA: [{ kind: 'ENTITLEMENT' as const, id: a.id }],
      sideB: [{ kind: 'ENTITLEMENT' as const, id: b.id }],
    };
    expect(await codeOf(admin.sod.saveRule({ ...rule, sideB: rule.sideA }))).toBe('BAD_REQUEST');
    const { id } = await admin.sod.saveRule(rule);
    await admin.sod.saveRule({ ...rule, id, name: 'A with B (renamed)' });
    expect((await (await t.callerFor(audrey.id)).sod.rules()).find((r) => r.id === id)).toMatchObject({
      name: 'A with B (renamed)',
      sideA: [{ name: 'A' }],
      sideB: [{ name: 'B' }],
    });
    expect(await codeOf((await t.callerFor(audrey.id)).sod.saveRule(rule))).toBe('FORBIDDEN');
    expect(await codeOf((await t.callerFor(audrey.id)).sod.scan())).toBe('FORBIDDEN');
    expect(await codeOf((await t.callerFor(bob.id)).sod.violations())).toBe('FORBIDDEN');

    await t.prisma.grant.createMany({
      data: [a, b].map((e) => ({ identityId: bob.id, entitlementId: e.id, source: 'ADMIN' as const })),
    });
    const security = await t.callerFor(sam.id);
    expect((await security.sod.scan()).found).toBe(1);
    const { open } = await security.sod.violations();
    expect(open.map((v) => [v.identity.id, v.status])).toEqual([[bob.id, 'NEEDS_MITIGATION']]);
    await security.sod.recordMitigation({
      ruleId: id,
      identityId: bob.id,
      control: 'Weekly review by Finance',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect((await security.sod.violations()).open[0]?.mitigation?.control).toBe('Weekly review by Finance');
    // Nobody mitigates their own conflict.
    expect(
      await codeOf(
        security.sod.recordMitigation({
          ruleId: id,
          identityId: sam.id,
          control: 'Trust me please',
          expiresAt: new Date(Date.now() + 86_400_000),
        }),
      ),
    ).toBe('FORBIDDEN');
    // A rule with history is retired: its violation resolved, and kept for the auditors' report.
    expect(await admin.sod.deleteRule({ id })).toEqual({ outcome: 'retired', resolved: 1 });
    expect(await t.prisma.sodViolation.count({ where: { ruleId: id, resolvedAt: { not: null } } })).toBe(1);
    expect((await admin.sod.rules()).map((r) => r.id)).not.toContain(id);
  });

  it('lets anyone name a stand-in and end it', async () => {
    const mark = await createIdentity(t.prisma);
    const raj = await createIdentity(t.prisma);
    const caller = await t.callerFor(mark.id);
    const { id } = await caller.approvals.setDelegation({
      delegateId: raj.id,
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 3 * 86_400_000),
    });
    expect((await caller.approvals.delegations()).given.map((d) => d.id)).toEqual([id]);
    expect(await codeOf((await t.callerFor(raj.id)).approvals.revokeDelegation({ delegationId: id }))).toBe(
      'NOT_FOUND',
    );
    await caller.approvals.revokeDelegation({ delegationId: id });
    expect((await caller.approvals.delegations()).given).toEqual([]);
  });
});
