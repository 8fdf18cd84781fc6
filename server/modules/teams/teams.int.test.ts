import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe('teams through tRPC', () => {
  it('creates a team, staffs it and keeps who was in it in the audit log', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const audrey = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const ann = await createIdentity(t.prisma, { displayName: 'Ann Approver' });
    const ben = await createIdentity(t.prisma, { displayName: 'Ben Approver' });
    const admin = await t.callerFor(ivy.id);

    const { id } = await admin.teams.create({
      key: 'payroll-approvers',
      name: 'Payroll approvers',
      description: 'Approve payroll access.',
      purpose: 'APPROVERS',
    });
    await admin.teams.addMember({ teamId: id, identityId: ann.id });
    await admin.teams.addMember({ teamId: id, identityId: ben.id });
    await admin.teams.removeMember({ teamId: id, identityId: ann.id });
    await admin.teams.update({ id, name: 'Payroll approver pool', description: '', purpose: 'SECURITY' });

    const team = await admin.teams.get({ id });
    expect(team).toMatchObject({
      key: 'payroll-approvers',
      name: 'Payroll approver pool',
      description: '',
      purpose: 'SECURITY',
    });
    expect(team.members.map((m) => m.displayName)).toEqual(['Ben Approver']);
    expect((await admin.teams.list()).find((x) => x.id === id)).toMatchObject({
      members: 1,
      usedBy: { policies: [], applications: [], openTasks: 0, openApprovalStages: 0, reviewCampaigns: [] },
    });

    // The membership's history is the audit log: who added or removed whom, and when.
    const log = await (
      await t.callerFor(audrey.id)
    ).auditLog.list({ entityType: 'Team', entityId: id, limit: 20 });
    expect(log.items.map((e) => [e.action, e.subject?.id ?? null]).reverse()).toEqual([
      ['team.created', null],
      ['team.member_added', ann.id],
      ['team.member_added', ben.id],
      ['team.member_removed', ann.id],
      ['team.updated', null],
    ]);
    expect(log.items.map((e) => e.sentence)).toContain(
      `${ivy.displayName} removed Ann Approver from the team “Payroll approvers”`,
    );
    expect(log.items.every((e) => e.actor.id === ivy.id)).toBe(true);
  });

  it('refuses a duplicate key, a bad key, a terminated person, a second membership and an employee', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const leaver = await createIdentity(t.prisma, { status: 'TERMINATED' });
    const bob = await createIdentity(t.prisma);
    const admin = await t.callerFor(ivy.id);
    const { id } = await admin.teams.create({
      key: 'unique-desk',
      name: 'Unique desk',
      purpose: 'FULFILMENT',
    });

    const duplicate = await errorOf(
      admin.teams.create({ key: 'unique-desk', name: 'Another desk', purpose: 'FULFILMENT' }),
    );
    expect(duplicate?.code).toBe('CONFLICT');
    expect(duplicate?.message).toContain('unique-desk');
    expect(
      (await errorOf(admin.teams.create({ key: 'Not A Key', name: 'Bad key', purpose: 'APPROVERS' })))?.code,
    ).toBe('BAD_REQUEST');
    expect(
      (await errorOf(admin.teams.create({ key: 'ok-key', name: 'x'.repeat(121), purpose: 'APPROVERS' })))
        ?.code,
    ).toBe('BAD_REQUEST');

    const terminated = await errorOf(admin.teams.addMember({ teamId: id, identityId: leaver.id }));
    expect(terminated?.code).toBe('BAD_REQUEST');
    expect(terminated?.message).toContain('has left');
    await admin.teams.addMember({ teamId: id, identityId: bob.id });
    expect((await errorOf(admin.teams.addMember({ teamId: id, identityId: bob.id })))?.code).toBe('CONFLICT');
    expect((await errorOf(admin.teams.removeMember({ teamId: id, identityId: leaver.id })))?.code).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(admin.teams.get({ id: crypto.randomUUID() })))?.code).toBe('NOT_FOUND');

    const employee = await t.callerFor(bob.id);
    expect(
      (await errorOf(employee.teams.create({ key: 'bobs-team', name: 'Bob’s team', purpose: 'APPROVERS' })))
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await errorOf(employee.teams.addMember({ teamId: id, identityId: bob.id })))?.code).toBe(
      'FORBIDDEN',
    );
    expect((await errorOf(employee.teams.list()))?.code).toBe('FORBIDDEN');
    expect((await errorOf(employee.teams.delete({ id })))?.code).toBe('FORBIDDEN');
    expect(await t.prisma.team.count({ where: { key: { in: ['bobs-team', 'ok-key'] } } })).toBe(0);
    expect(await t.prisma.teamMember.count({ where: { teamId: id } })).toBe(1);
  });

  it('deletes a team only when no policy or application uses it, naming what does', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const member = await createIdentity(t.prisma);
    const admin = await t.callerFor(ivy.id);
    const { id } = await admin.teams.create({
      key: 'ledger-reviewers',
      name: 'Ledger reviewers',
      purpose: 'APPROVERS',
    });
    await admin.teams.addMember({ teamId: id, identityId: member.id });
    const policy = await admin.approvalPolicies.save({
      key: 'ledger-policy',
      name: 'Ledger policy',
      stages: [
        {
          name: 'Reviewers',
          approvers: [{ type: 'TEAM', teamKey: 'ledger-reviewers' }],
          mode: 'ANY',
          quorum: 1,
        },
      ],
    });
    const app = await createApplication(t.prisma, { name: 'Ledger desk app' });
    await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: id } });

    expect((await admin.teams.list()).find((x) => x.id === id)?.usedBy).toEqual({
      policies: [{ id: policy.id, name: 'Ledger policy' }],
      applications: [{ id: app.id, name: 'Ledger desk app' }],
      openTasks: 0,
      openApprovalStages: 0,
      reviewCampaigns: [],
    });
    const inUse = await errorOf(admin.teams.delete({ id }));
    expect(inUse?.code).toBe('CONFLICT');
    expect(inUse?.message).toContain('“Ledger policy”');
    expect(inUse?.message).toContain('“Ledger desk app”');
    expect(await t.prisma.team.count({ where: { id } })).toBe(1);

    await admin.approvalPolicies.delete({ id: policy.id });
    await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: null } });
    expect(await admin.teams.delete({ id })).toEqual({ deleted: true });
    expect(await t.prisma.team.count({ where: { id } })).toBe(0);
    // Its members left with it, on the record.
    const events = await t.prisma.auditEvent.findMany({
      where: { entityType: 'Team', entityId: id, action: { in: ['team.member_removed', 'team.deleted'] } },
      select: { action: true, subjectId: true },
    });
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'team.member_removed', subjectId: member.id },
        { action: 'team.deleted', subjectId: null },
      ]),
    );
  });

  it('stays while a pending request’s open stage was drawn from it, its policy gone (decision 112)', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const member = await createIdentity(t.prisma);
    const requester = await createIdentity(t.prisma);
    const admin = await t.callerFor(ivy.id);
    const { id } = await admin.teams.create({
      key: 'vault-keepers',
      name: 'Vault keepers',
      purpose: 'APPROVERS',
    });
    await admin.teams.addMember({ teamId: id, identityId: member.id });
    const policy = await admin.approvalPolicies.save({
      key: 'vault-policy',
      name: 'Vault policy',
      stages: [
        { name: 'Keepers', approvers: [{ type: 'TEAM', teamKey: 'vault-keepers' }], mode: 'ANY', quorum: 1 },
      ],
    });
    const app = await createApplication(t.prisma, { name: 'Vault app' });
    const vault = await createEntitlement(t.prisma, app.id, { name: 'Vault' });
    await admin.approvalPolicies.attach({
      policyId: policy.id,
      targets: [{ kind: 'ENTITLEMENT', id: vault.id }],
    });
    const asker = await t.callerFor(requester.id);
    const [request] = (
      await asker.requests.create({ entitlementId: vault.id, justification: 'Audit season' })
    ).requests;
    // The policy goes (its requests keep the stage they were drawn with, the member's step in it):
    // nothing but that open stage names the team now.
    await admin.approvalPolicies.delete({ id: policy.id });
    const step = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId: request!.id, approverId: member.id },
      select: { status: true, stage: { select: { teamIds: true } } },
    });
    expect(step).toEqual({ status: 'PENDING', stage: { teamIds: [id] } });
    expect((await admin.teams.get({ id })).usedBy.openApprovalStages).toBe(1);
    const refused = await errorOf(admin.teams.delete({ id }));
    expect(refused?.code).toBe('CONFLICT');
    expect(refused?.message).toContain('1 open approval stage of pending requests');
    expect(await t.prisma.team.count({ where: { id } })).toBe(1);

    // Decided or cancelled, the request frees it.
    await asker.requests.cancel({ requestId: request!.id });
    expect((await admin.teams.get({ id })).usedBy.openApprovalStages).toBe(0);
    expect(await admin.teams.delete({ id })).toEqual({ deleted: true });
  });

  it('moves its members’ steps out of a stale stage when it is deleted (decision 112)', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const [mark, nina, zoe, requester] = await Promise.all([1, 2, 3, 4].map(() => createIdentity(t.prisma)));
    const admin = await t.callerFor(ivy.id);
    const team = async (key: string, memberIds: string[]) => {
      const { id } = await admin.teams.create({ key, name: key, purpose: 'APPROVERS' });
      for (const identityId of memberIds) await admin.teams.addMember({ teamId: id, identityId });
      return { id };
    };
    const x = await team('stale-x', []);
    const y = await team('stale-y', [mark!.id, nina!.id]);
    await team('stale-z', [zoe!.id]);
    const stage = (teamKey: string) => ({
      name: 'Ledger review',
      approvers: [{ type: 'TEAM' as const, teamKey }],
      mode: 'ANY' as const,
      quorum: 1,
    });
    const policy = await admin.approvalPolicies.save({
      key: 'stale-policy',
      name: 'Stale policy',
      stages: [stage('stale-y')],
    });
    const app = await createApplication(t.prisma, { name: 'Ledger app' });
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
    await admin.approvalPolicies.attach({
      policyId: policy.id,
      targets: [{ kind: 'ENTITLEMENT', id: ledger.id }],
    });
    const asker = await t.callerFor(requester!.id);
    const [request] = (
      await asker.requests.create({ entitlementId: ledger.id, justification: 'Month-end close' })
    ).requests;
    const requestId = request!.id;
    // As a follow before the stop-39 mend left it: Y's members' steps in a stage naming X. Then the
    // policy switches to Z (arranged, without the redraw): nothing names Y, so Y can be deleted.
    await t.prisma.approvalStage.updateMany({ where: { requestId }, data: { teamIds: [x.id] } });
    await t.prisma.approvalPolicy.update({
      where: { id: policy.id },
      data: { stages: [stage('stale-z')] },
    });
    const marksStep = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId, approverId: mark!.id, status: 'PENDING' },
      select: { id: true },
    });

    expect(await admin.teams.delete({ id: y.id })).toEqual({ deleted: true });

    const pending = await t.prisma.approvalStep.findMany({
      where: { requestId, status: 'PENDING' },
      select: { approverId: true },
    });
    expect(pending).toEqual([{ approverId: zoe!.id }]);
    const refused = await errorOf(
      (await t.callerFor(mark!.id)).approvals.decide({ stepId: marksStep.id, decision: 'APPROVE' }),
    );
    // His step was given to Zoe in place or cancelled (which of the two seats is kept varies): either
    // way he cannot decide it.
    expect(refused).not.toBeNull();
    const [event, ...more] = await t.prisma.auditEvent.findMany({
      where: { action: 'approval.reassigned', metadata: { path: ['requestId'], equals: requestId } },
      select: { metadata: true },
    });
    expect(more).toEqual([]);
    const { cause, reassignments } = event!.metadata as {
      cause: string;
      reassignments: Array<{ from: string; to: string | null }>;
    };
    expect(cause).toBe('TEAM');
    expect(reassignments.map((r) => r.from).sort()).toEqual([mark!.id, nina!.id].sort());
    expect(reassignments.filter((r) => r.to === zoe!.id)).toHaveLength(1);
  });

  it('a team that reviewed in an access review campaign stays: the campaign’s evidence names it', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const admin = await t.callerFor(ivy.id);
    const { id } = await admin.teams.create({
      key: 'sox-reviewers',
      name: 'SOX reviewers',
      description: '',
      purpose: 'SECURITY',
    });
    const campaign = await t.prisma.reviewCampaign.create({
      data: {
        name: 'Q4 SOX review',
        startsAt: new Date(),
        dueAt: new Date(Date.now() + 86_400_000),
        stages: { create: [{ position: 1, reviewerKind: 'TEAM', teamId: id }] },
      },
    });
    expect((await admin.teams.get({ id })).usedBy.reviewCampaigns).toEqual([
      { id: campaign.id, name: 'Q4 SOX review' },
    ]);
    const refused = await errorOf(admin.teams.delete({ id }));
    expect(refused?.code).toBe('CONFLICT');
    expect(refused?.message).toContain('“Q4 SOX review”');
    expect(await t.prisma.team.count({ where: { id } })).toBe(1);
  });
});
